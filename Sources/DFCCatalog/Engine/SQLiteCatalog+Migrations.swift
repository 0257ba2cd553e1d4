package import GRDB
import DFCCore
import DFCLedger

extension SQLiteCatalog {
    /// The schema, one named migration per released change. A migration is never
    /// edited once released: change the schema by adding the next one.
    package static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE exhibit (
                    id              INTEGER PRIMARY KEY,
                    case_id         TEXT NOT NULL,
                    source          TEXT,
                    sha256          TEXT NOT NULL UNIQUE,
                    sha512          TEXT NOT NULL,
                    size            INTEGER NOT NULL,
                    original_name   TEXT NOT NULL,
                    original_path   TEXT NOT NULL,
                    vault_path      TEXT NOT NULL,
                    format          TEXT,               -- FFmpeg demuxer name; NULL when unreadable
                    container_json  TEXT,               -- ContainerInfo as JSON
                    libraries       TEXT NOT NULL,      -- FFmpeg versions that decoded it
                    packet_count    INTEGER NOT NULL,
                    frame_count     INTEGER NOT NULL,
                    packets_digest  TEXT NOT NULL,      -- SHA-256 over the packet hashes in read order
                    frames_digest   TEXT NOT NULL,      -- SHA-256 over the frame hashes by (stream, index)
                    ingested_at     TEXT NOT NULL,
                    ingested_by     TEXT NOT NULL
                );
                CREATE INDEX exhibit_case ON exhibit(case_id);

                CREATE TABLE stream (
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    idx             INTEGER NOT NULL,
                    type            TEXT NOT NULL,
                    codec           TEXT NOT NULL,
                    frame_count     INTEGER NOT NULL,
                    framehash_tb    TEXT,               -- the time base ffmpeg's framehash output uses
                    info_json       TEXT NOT NULL,      -- StreamInfo as JSON
                    PRIMARY KEY (exhibit_id, idx)
                ) WITHOUT ROWID;

                CREATE TABLE packet (
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    idx             INTEGER NOT NULL,   -- read order across all streams
                    stream          INTEGER NOT NULL,
                    pts             INTEGER,
                    dts             INTEGER,
                    duration        INTEGER,
                    size            INTEGER NOT NULL,
                    key             INTEGER NOT NULL,
                    pos             INTEGER,
                    sha256          BLOB NOT NULL,
                    PRIMARY KEY (exhibit_id, idx)
                ) WITHOUT ROWID;

                CREATE TABLE frame (
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    stream          INTEGER NOT NULL,
                    idx             INTEGER NOT NULL,   -- decoded (display) order within the stream
                    pts             INTEGER,
                    pts_seconds     REAL,
                    key             INTEGER NOT NULL,
                    pict_type       TEXT NOT NULL,
                    size            INTEGER NOT NULL,
                    sha256          BLOB,               -- NULL only for a picture in a format that cannot be packed
                    PRIMARY KEY (exhibit_id, stream, idx)
                ) WITHOUT ROWID;
                CREATE INDEX frame_sha256 ON frame(sha256);

                CREATE TABLE finding (
                    id              INTEGER PRIMARY KEY,
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    kind            TEXT NOT NULL,
                    severity        TEXT NOT NULL,
                    message         TEXT NOT NULL,
                    stream          INTEGER,
                    packet          INTEGER,
                    frame           INTEGER,
                    seconds         REAL
                );
                CREATE INDEX finding_exhibit ON finding(exhibit_id);

                -- The custody log. Each event's payload is canonical JSON that names the
                -- hash of the event before it; `hash` is the SHA-256 of the payload.
                -- Signatures and Merkle checkpoints are added by later migrations.
                CREATE TABLE custody_event (
                    seq             INTEGER PRIMARY KEY,    -- 1, 2, 3, … with no holes
                    exhibit_id      INTEGER REFERENCES exhibit(id),
                    action          TEXT NOT NULL,
                    actor           TEXT NOT NULL,
                    recorded_at     TEXT NOT NULL,          -- RFC 3339, UTC
                    payload         TEXT NOT NULL,
                    prev_hash       TEXT NOT NULL,
                    hash            TEXT NOT NULL UNIQUE
                );
                CREATE INDEX custody_event_exhibit ON custody_event(exhibit_id);
                CREATE TRIGGER custody_event_no_update BEFORE UPDATE ON custody_event
                BEGIN SELECT RAISE(ABORT, 'custody events are append-only: UPDATE refused'); END;
                CREATE TRIGGER custody_event_no_delete BEFORE DELETE ON custody_event
                BEGIN SELECT RAISE(ABORT, 'custody events are append-only: DELETE refused'); END;
                """)
        }
        migrator.registerMigration("v2-signed-ledger") { db in
            try db.execute(sql: """
                -- Actors and their Ed25519 public keys. Each row is created in the same
                -- transaction as the `actor_registered` event that names the same key.
                CREATE TABLE actor (
                    name            TEXT PRIMARY KEY,
                    role            TEXT NOT NULL,
                    public_key      TEXT NOT NULL UNIQUE,    -- 32 bytes, hex
                    registered_seq  INTEGER NOT NULL REFERENCES custody_event(seq),
                    registered_at   TEXT NOT NULL
                );
                CREATE TRIGGER actor_no_update BEFORE UPDATE ON actor
                BEGIN SELECT RAISE(ABORT, 'actors are append-only: UPDATE refused'); END;
                CREATE TRIGGER actor_no_delete BEFORE DELETE ON actor
                BEGIN SELECT RAISE(ABORT, 'actors are append-only: DELETE refused'); END;

                -- Ed25519 signature (hex) of the payload bytes by the key the payload names.
                -- NULL only for events recorded before this migration.
                ALTER TABLE custody_event ADD COLUMN signature TEXT;

                -- Signed tree heads over the custody log, as printed by `dfc checkpoint`.
                CREATE TABLE checkpoint (
                    tree_size       INTEGER PRIMARY KEY,
                    root_hash       TEXT NOT NULL,
                    signer          TEXT NOT NULL,
                    recorded_at     TEXT NOT NULL,
                    text            TEXT NOT NULL        -- the checkpoint exactly as printed
                );
                CREATE TRIGGER checkpoint_no_update BEFORE UPDATE ON checkpoint
                BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only: UPDATE refused'); END;
                CREATE TRIGGER checkpoint_no_delete BEFORE DELETE ON checkpoint
                BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only: DELETE refused'); END;
                """)
        }
        migrator.registerMigration("v3-amendments") { db in
            try db.execute(sql: """
                -- A change of an exhibit's case or source: never an UPDATE of the exhibit row (whose
                -- values the ingested event committed to), but a row here, created in the same
                -- transaction as the signed `amended` event whose number it carries and whose
                -- details it repeats. The current value is the latest amendment's.
                CREATE TABLE amendment (
                    seq             INTEGER PRIMARY KEY REFERENCES custody_event(seq),
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    case_id         TEXT,               -- the new case; NULL when unchanged
                    source          TEXT,               -- the new source; NULL when unchanged
                    reason          TEXT NOT NULL
                );
                CREATE INDEX amendment_exhibit ON amendment(exhibit_id, seq);
                CREATE TRIGGER amendment_no_update BEFORE UPDATE ON amendment
                BEGIN SELECT RAISE(ABORT, 'amendments are append-only: UPDATE refused'); END;
                CREATE TRIGGER amendment_no_delete BEFORE DELETE ON amendment
                BEGIN SELECT RAISE(ABORT, 'amendments are append-only: DELETE refused'); END;
                """)
        }
        migrator.registerMigration("v4-batches") { db in
            try db.execute(sql: """
                -- Which files a batch has taken in. A batch is named by its `batch_started` custody
                -- event; each row is created in the same transaction as the `ingested` or `acquired`
                -- event (`event_seq`) that took the file in, whose details name the batch and path.
                -- A batch resumed after a kill skips the paths it already has here.
                CREATE TABLE batch_file (
                    batch_seq       INTEGER NOT NULL REFERENCES custody_event(seq),
                    path            TEXT NOT NULL,          -- absolute, as the batch walked it
                    event_seq       INTEGER NOT NULL UNIQUE REFERENCES custody_event(seq),
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    PRIMARY KEY (batch_seq, path)
                ) WITHOUT ROWID;
                CREATE TRIGGER batch_file_no_update BEFORE UPDATE ON batch_file
                BEGIN SELECT RAISE(ABORT, 'batch files are append-only: UPDATE refused'); END;
                CREATE TRIGGER batch_file_no_delete BEFORE DELETE ON batch_file
                BEGIN SELECT RAISE(ABORT, 'batch files are append-only: DELETE refused'); END;
                """)
        }
        migrator.registerMigration("v5-analyses") { db in
            try db.execute(sql: """
                -- Later analyses of an exhibit (`dfc reanalyze`): the analysis made at ingest stays in
                -- the exhibit row and the stream, packet, frame and finding tables; each later one has
                -- a row here and its own rows in the analysis_* tables, created in the same transaction
                -- as the signed `reanalysed` event that names its id and commits to all of them.
                CREATE TABLE analysis (
                    id              INTEGER PRIMARY KEY,
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    format          TEXT,
                    container_json  TEXT,
                    libraries       TEXT NOT NULL,
                    packet_count    INTEGER NOT NULL,
                    frame_count     INTEGER NOT NULL,
                    analysed_at     TEXT NOT NULL,
                    analysed_by     TEXT NOT NULL,      -- the actor who asked for it
                    reason          TEXT NOT NULL
                );
                CREATE INDEX analysis_exhibit ON analysis(exhibit_id, id);

                CREATE TABLE analysis_stream (
                    analysis_id     INTEGER NOT NULL REFERENCES analysis(id),
                    idx             INTEGER NOT NULL,
                    type            TEXT NOT NULL,
                    codec           TEXT NOT NULL,
                    frame_count     INTEGER NOT NULL,
                    framehash_tb    TEXT,
                    info_json       TEXT NOT NULL,
                    PRIMARY KEY (analysis_id, idx)
                ) WITHOUT ROWID;

                CREATE TABLE analysis_packet (
                    analysis_id     INTEGER NOT NULL REFERENCES analysis(id),
                    idx             INTEGER NOT NULL,
                    stream          INTEGER NOT NULL,
                    pts             INTEGER,
                    dts             INTEGER,
                    duration        INTEGER,
                    size            INTEGER NOT NULL,
                    key             INTEGER NOT NULL,
                    pos             INTEGER,
                    sha256          BLOB NOT NULL,
                    PRIMARY KEY (analysis_id, idx)
                ) WITHOUT ROWID;

                CREATE TABLE analysis_frame (
                    analysis_id     INTEGER NOT NULL REFERENCES analysis(id),
                    stream          INTEGER NOT NULL,
                    idx             INTEGER NOT NULL,
                    pts             INTEGER,
                    pts_seconds     REAL,
                    key             INTEGER NOT NULL,
                    pict_type       TEXT NOT NULL,
                    size            INTEGER NOT NULL,
                    sha256          BLOB,
                    PRIMARY KEY (analysis_id, stream, idx)
                ) WITHOUT ROWID;
                CREATE INDEX analysis_frame_sha256 ON analysis_frame(sha256);

                CREATE TABLE analysis_finding (
                    id              INTEGER PRIMARY KEY,
                    analysis_id     INTEGER NOT NULL REFERENCES analysis(id),
                    kind            TEXT NOT NULL,
                    severity        TEXT NOT NULL,
                    message         TEXT NOT NULL,
                    stream          INTEGER,
                    packet          INTEGER,
                    frame           INTEGER,
                    seconds         REAL
                );
                CREATE INDEX analysis_finding_analysis ON analysis_finding(analysis_id);
                """)
            for table in ["analysis", "analysis_stream", "analysis_packet", "analysis_frame", "analysis_finding"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'analyses are append-only: UPDATE refused'); END;
                    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
                    BEGIN SELECT RAISE(ABORT, 'analyses are append-only: DELETE refused'); END;
                    """)
            }
        }
        migrator.registerMigration("v6-pdq") { db in
            try db.execute(sql: """
                -- PDQ hashes of the pictures vPDQ's rule selects (one a second by default), for the
                -- analysis made at ingest and for later ones; committed to by the same events as the
                -- frame rows (layout dfc-rows-2). `hash` is the 32 bytes, most significant first.
                CREATE TABLE pdq (
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    stream          INTEGER NOT NULL,
                    idx             INTEGER NOT NULL,   -- the frame's index in its stream
                    quality         INTEGER NOT NULL,
                    hash            BLOB NOT NULL,
                    PRIMARY KEY (exhibit_id, stream, idx)
                ) WITHOUT ROWID;
                CREATE TABLE analysis_pdq (
                    analysis_id     INTEGER NOT NULL REFERENCES analysis(id),
                    stream          INTEGER NOT NULL,
                    idx             INTEGER NOT NULL,
                    quality         INTEGER NOT NULL,
                    hash            BLOB NOT NULL,
                    PRIMARY KEY (analysis_id, stream, idx)
                ) WITHOUT ROWID;
                CREATE TRIGGER analysis_pdq_no_update BEFORE UPDATE ON analysis_pdq
                BEGIN SELECT RAISE(ABORT, 'analyses are append-only: UPDATE refused'); END;
                CREATE TRIGGER analysis_pdq_no_delete BEFORE DELETE ON analysis_pdq
                BEGIN SELECT RAISE(ABORT, 'analyses are append-only: DELETE refused'); END;
                """)
        }
        migrator.registerMigration("v7-court") { db in
            try db.execute(sql: """
                -- A checkpoint with its cosignatures (`dfc checkpoint --cosign`), exactly as printed.
                -- Each row's `cosigned` event records its tree head and signers.
                CREATE TABLE cosigned_checkpoint (
                    id              INTEGER PRIMARY KEY,
                    tree_size       INTEGER NOT NULL,
                    root_hash       TEXT NOT NULL,
                    signers         TEXT NOT NULL,
                    recorded_at     TEXT NOT NULL,
                    text            TEXT NOT NULL
                );
                -- Pictures extracted as PNG files (`dfc extract`): derived evidence. Each row names the
                -- picture it was made from (its exhibit, analysis, stream and index, and that picture's
                -- SHA-256 from the catalog), the PNG's own SHA-256, and how it was converted; the
                -- `extracted` event of `event_seq` commits to the rows (`derived_digest`).
                CREATE TABLE derived_frame (
                    id              INTEGER PRIMARY KEY,
                    exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
                    analysis        INTEGER NOT NULL,   -- the analysis's number (1 = the one made at ingest)
                    stream          INTEGER NOT NULL,
                    idx             INTEGER NOT NULL,
                    pts             INTEGER,
                    pts_seconds     REAL,
                    frame_sha256    TEXT NOT NULL,
                    png_sha256      TEXT NOT NULL,
                    png_size        INTEGER NOT NULL,
                    width           INTEGER NOT NULL,
                    height          INTEGER NOT NULL,
                    conversion      TEXT NOT NULL,
                    rotation        INTEGER NOT NULL,   -- degrees clockwise applied to the pixels
                    display_rotation INTEGER NOT NULL,  -- degrees clockwise the stream asks a player to turn it
                    stored_path     TEXT NOT NULL,      -- the store's copy (derived/ab/<sha256>.png)
                    event_seq       INTEGER NOT NULL
                );
                CREATE INDEX derived_frame_by_exhibit ON derived_frame(exhibit_id, stream, idx);
                """)
            for table in ["cosigned_checkpoint", "derived_frame"] { try db.execute(sql: appendOnly(table)) }
        }
        migrator.registerMigration("v8-merkle-nodes") { db in
            try db.execute(sql: """
                -- The custody log's Merkle tree: the root of every complete subtree (level 0: each
                -- event's leaf hash; level L: the 2^L leaves from idx * 2^L), inserted with the event
                -- that completes it, so that a tree head or a proof does not hash every leaf again.
                -- Derived from the log alone; the audit recomputes every row.
                CREATE TABLE merkle_node (
                    level           INTEGER NOT NULL,
                    idx             INTEGER NOT NULL,
                    hash            BLOB NOT NULL,
                    PRIMARY KEY (level, idx)
                ) WITHOUT ROWID;
                """ + appendOnly("merkle_node"))
            try MerkleNodes.backfill(SQLiteConnection(db))
        }
        migrator.registerMigration("v9-event-actions") { db in
            // Events by action (`actor_revoked`, `batch_started`): a command finds them without
            // reading the whole log. Nothing evidential rests on it: the audit reads the log itself.
            try db.execute(sql: "CREATE INDEX custody_event_action ON custody_event(action, seq)")
        }
        migrator.registerMigration("v10-time") { db in
            try db.execute(sql: TimeSchema.sqlite + appendOnly("time_layer") + appendOnly("place") + appendOnly("exhibit_span"))
        }
        migrator.registerMigration("v11-clock-corrections") { db in
            try db.execute(sql: TimeSchema.sqliteCorrections + appendOnly("clock_correction"))
        }
        migrator.registerMigration("v12-camera-sources") { db in
            try db.execute(sql: TimeSchema.sqliteSources + appendOnly("camera_source"))
        }
        migrator.registerMigration("v13-camera-file-names") { db in
            try db.execute(sql: TimeSchema.sourceFileNames)
        }
        migrator.registerMigration("v14-placements") { db in
            try db.execute(sql: TimeSchema.sqlitePlacements + appendOnly("exhibit_placement"))
        }
        migrator.registerMigration("v15-place-index") { db in
            try db.execute(sql: TimeSchema.sqlitePlaceIndex)
        }
        return migrator
    }

    /// The triggers that refuse every UPDATE and DELETE of `table`'s rows.
    package static func appendOnly(_ table: String) -> String {
        """
        CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: UPDATE refused'); END;
        CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
        BEGIN SELECT RAISE(ABORT, '\(table) is append-only: DELETE refused'); END;
        """
    }
}
