internal import Crypto
import Foundation
import DFCCore
import DFCLedger

extension PostgresCatalog {
    /// Every object of the catalog's schema that can change an answer or a stored row, one row an
    /// object (`name`, `definition`), read from PostgreSQL's own catalogs: each relation of schema
    /// `public` (kind, persistence, row-security flags, storage options, partition bound, columns
    /// with types, defaults and identity; an index's or view's definition), each constraint, trigger
    /// (its enabled state too; the internal ones of foreign keys per table), rule, policy, function,
    /// operator and type there, each table that inherits from one there (wherever it lives), every
    /// event trigger and extension but amcheck. Objects an extension owns are amcheck's.
    package static let schemaQuery = """
        WITH rel AS (
            SELECT c.* FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ), fn AS (
            SELECT p.* FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        )
        SELECT (CASE WHEN c.relkind IN ('r', 'p') THEN 'table ' WHEN c.relkind IN ('i', 'I') THEN 'index ' WHEN c.relkind = 'v' THEN 'view '
                     WHEN c.relkind = 'm' THEN 'materialized view ' WHEN c.relkind = 'S' THEN 'sequence ' ELSE 'relation ' END) || c.relname,
            concat_ws(' | ', c.relkind::text, c.relpersistence::text, 'row security ' || c.relrowsecurity || ' forced ' || c.relforcerowsecurity,
                c.reloptions::text, pg_get_expr(c.relpartbound, c.oid),
                CASE WHEN c.relkind IN ('i', 'I') THEN pg_get_indexdef(c.oid) END,
                CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
                (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
                        || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '') || ' ' || a.attidentity::text || a.attgenerated::text
                        || coalesce(' collate ' || a.attcollation::regcollation::text, ''), ', ' ORDER BY a.attnum)
                 FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
                 WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped))
        FROM rel c
        UNION ALL
        SELECT 'constraint ' || k.conname || ' on ' || t.relname, pg_get_constraintdef(k.oid) || ' validated ' || k.convalidated
        FROM pg_constraint k JOIN rel t ON t.oid = k.conrelid
        UNION ALL
        SELECT 'trigger ' || g.tgname || ' on ' || t.relname, pg_get_triggerdef(g.oid) || ' enabled ' || g.tgenabled::text
        FROM pg_trigger g JOIN rel t ON t.oid = g.tgrelid WHERE NOT g.tgisinternal
        UNION ALL
        SELECT 'internal triggers on ' || t.relname, string_agg(g.tgfoid::regproc::text || ' ' || g.tgtype || ' enabled ' || g.tgenabled::text, ', '
            ORDER BY g.tgfoid::regproc::text, g.tgtype, g.tgenabled)
        FROM pg_trigger g JOIN rel t ON t.oid = g.tgrelid WHERE g.tgisinternal GROUP BY t.relname
        UNION ALL
        SELECT 'rule ' || r.rulename || ' on ' || t.relname, pg_get_ruledef(r.oid) || ' enabled ' || r.ev_enabled::text
        FROM pg_rewrite r JOIN rel t ON t.oid = r.ev_class WHERE r.rulename <> '_RETURN'
        UNION ALL
        SELECT 'policy ' || p.polname || ' on ' || t.relname, concat_ws(' | ', p.polcmd::text, p.polpermissive::text, p.polroles::text,
            pg_get_expr(p.polqual, p.polrelid), pg_get_expr(p.polwithcheck, p.polrelid))
        FROM pg_policy p JOIN pg_class t ON t.oid = p.polrelid WHERE t.relnamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'function ' || p.oid::regprocedure::text, concat_ws(' | ', p.prokind::text, l.lanname, p.prosecdef::text, p.provolatile::text,
            p.proconfig::text, p.prorettype::regtype::text, p.prosrc, p.probin)
        FROM fn p JOIN pg_language l ON l.oid = p.prolang
        UNION ALL
        SELECT 'operator ' || o.oid::regoperator::text, o.oprcode::text FROM pg_operator o WHERE o.oprnamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'type ' || y.typname, y.typtype::text FROM pg_type y
        WHERE y.typnamespace = 'public'::regnamespace AND y.typrelid = 0 AND y.typcategory <> 'A'
        UNION ALL
        SELECT 'table ' || i.inhrelid::regclass::text || ' inherits from ' || p.relname, 'inherits'
        FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE p.relnamespace = 'public'::regnamespace
        UNION ALL
        SELECT 'event trigger ' || e.evtname, e.evtevent || ' ' || e.evtfoid::regproc::text || ' enabled ' || e.evtenabled::text FROM pg_event_trigger e
        UNION ALL
        SELECT 'extension ' || x.extname, x.extversion FROM pg_extension x WHERE x.extname NOT IN ('plpgsql', 'amcheck')
        """

    /// The settings `ALTER ROLE … SET` or `ALTER DATABASE … SET` gave the store's role or database,
    /// each as one line: DFC's session overrides what it relies on (`sessionSettings`), and the
    /// audit names each, as none of DFC's making.
    package static let settingsQuery = """
        SELECT (CASE WHEN s.setrole = 0 THEN 'every role' ELSE 'role ' || current_user END)
            || (CASE WHEN s.setdatabase = 0 THEN ' in every database' ELSE ' in database ' || current_database() END)
            || ': ' || array_to_string(s.setconfig, ', ')
        FROM pg_db_role_setting s
        WHERE s.setdatabase IN (0, (SELECT oid FROM pg_database WHERE datname = current_database()))
        AND s.setrole IN (0, (SELECT oid FROM pg_roles WHERE rolname = current_user))
        ORDER BY 1
        """

    /// A cheap fingerprint of every system catalog the schema is read from: each one's row count and
    /// the sum of its rows' `xmin` (over DFC's namespace where the catalog is large). Any DDL, and
    /// any hand edit of a system catalog, writes rows with a new transaction number, so the
    /// fingerprint changes; while it is the one this process last verified in full, the full
    /// description (about 20 ms for 1,200 objects) need not be read again before a write (about 4 ms).
    package static let fingerprintQuery = """
        SELECT concat_ws(':',
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_class WHERE relnamespace = 'public'::regnamespace),
         (SELECT count(*) || '/' || coalesce(sum(a.xmin::text::bigint), 0) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relnamespace = 'public'::regnamespace),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_attrdef),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_index),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_constraint WHERE connamespace = 'public'::regnamespace),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_trigger),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_rewrite),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_policy),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_inherits),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_proc WHERE pronamespace = 'public'::regnamespace),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_operator WHERE oprnamespace = 'public'::regnamespace),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_type WHERE typnamespace = 'public'::regnamespace),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_event_trigger),
         (SELECT count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) FROM pg_extension))
        """

    /// The catalog's schema as PostgreSQL describes it (`schemaQuery`).
    package static func schema(_ db: CatalogDB) throws -> CatalogSchema {
        let rows = try db.rows(sql: schemaQuery)
        return CatalogSchema(definitions: try rows.map { (try $0.at(0), try $0.at(1) as String? ?? "") })
    }

    /// The schema DFC's PostgreSQL migrations make (`PostgresCatalog+KnownSchema.swift`, written by
    /// `Scripts/known-schema` from a catalog they made).
    package static let expectedSchema = CatalogSchema(lines: knownSchema)

    /// The SHA-256 of the whole schema's `CatalogSchema.text` (each object's digest), computed by the
    /// server from `schemaQuery`: one row instead of the 1,200 the description is, so that a process
    /// that opens a sound catalog decodes nothing more (about 20 ms less per command). Sorted bytewise
    /// (`COLLATE "C"`) as Swift sorts ASCII; should a collation or a definition ever sort otherwise,
    /// the digests differ and the description is read and compared in full, as before.
    package static let schemaDigestQuery = """
        WITH s(name, definition) AS (
        \(schemaQuery)
        ), o AS (
            SELECT name, left(encode(sha256(convert_to(string_agg(coalesce(definition, ''), E'\\n' ORDER BY coalesce(definition, '') COLLATE "C"),
                   'UTF8')), 'hex'), 16) AS d
            FROM s GROUP BY name
        )
        SELECT encode(sha256(convert_to(string_agg(name || E'\\t' || d || E'\\n', '' ORDER BY name COLLATE "C"), 'UTF8')), 'hex') FROM o
        """

    /// The SHA-256 of `expectedSchema.text`, what `schemaDigestQuery` answers for a sound catalog.
    package static let expectedSchemaDigest = Hex.string(SHA256.hash(data: Data(expectedSchema.text.utf8)))

    /// Each difference between the catalog's schema and the one DFC's migrations make: none when the
    /// server's digest of the schema is the expected one, else the description read in full and compared.
    package func schemaChanges(_ db: CatalogDB) throws -> [String] {
        if try String.fetchOne(db, sql: Self.schemaDigestQuery) == Self.expectedSchemaDigest { return [] }
        return try Self.schema(db).changes(from: Self.expectedSchema)
    }

    /// `schemaChanges`, read in full only when the system catalogs' fingerprint is not the one this
    /// process last found matching (every write's check).
    package func schemaChangesSinceVerified(_ db: CatalogDB) throws -> [String] {
        let fingerprint = try String.fetchOne(db, sql: Self.fingerprintQuery)
        if let fingerprint, fingerprint == verifiedFingerprint { return [] }
        let changes = try schemaChanges(db)
        if changes.isEmpty { verifiedFingerprint = fingerprint }
        return changes
    }

    /// Each setting given to the store's role or database outside DFC.
    package func sessionProblems(_ db: CatalogDB) throws -> [String] {
        try String.fetchAll(db, sql: Self.settingsQuery).map {
            "\(name): settings were given to \($0) outside DFC (ALTER ROLE or ALTER DATABASE … SET): DFC's own session "
                + "overrides the ones it relies on, but none of them is DFC's making; reset them (ALTER ROLE … RESET ALL)"
        }
    }
}
