import DFCCore
import DFCLedger

/// The tables of exhibits' time and place layers, on each engine. An exhibit's rows are written
/// with it and committed to by its `ingested` event (layout `dfc-rows-3`: `time_layers`,
/// `places` and `span` digests); none is ever updated.
///
/// - `time_layer`: every reading of when it was recorded (`TimeLayer`), in the order read;
///   `utc_ms` is milliseconds since 1970 UTC when the zone is known, NULL when not.
/// - `place`: every position it gives (`PlaceLayer`).
/// - `exhibit_span`: where it sits on the UTC timeline, from the layer `layer` (its `idx`), the
///   first and last millisecond it covers; the time lookup's table.
/// - `clock_correction`: an examiner's correction of an exhibit's clock (`dfc clock`), made by the
///   `clock_corrected` event `seq`, which repeats every value; corrections stack, and the span stays
///   as the file gave it.
/// - `camera_source`: the register of fixed cameras (`dfc source add`), one row per
///   `source_registered` event `seq`, which repeats every value; a camera registered again is a
///   new row, and the latest applies to what is ingested from then on. `file_name_time` (the
///   camera's file-name pattern) came with a later migration of its own.
/// - The interval index over the spans: an R*Tree in SQLite (`exhibit_span_index`, seconds as
///   32-bit floats rounded outward, so it can only return too much; every hit is checked against
///   the exact span), kept by a trigger and compared with the spans by the audit; a GiST index of
///   the span as an `int8range` in PostgreSQL.
/// - `exhibit_placement`: an exhibit no layer of which names its zone, placed on the timeline by an
///   examiner's `dfc clock --zone` (the `clock_corrected` event `seq`, which repeats every value):
///   the reading of its layer `layer` taken as UTC, as a span is; the zone's offset there is that
///   event's `clock_correction` row. Indexed as the spans are (the same R*Tree in SQLite).
package enum TimeSchema {
    package static let sqlite = """
        CREATE TABLE time_layer (
            exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
            idx             INTEGER NOT NULL,
            kind            TEXT NOT NULL,
            tag             TEXT NOT NULL,
            value           TEXT NOT NULL,
            utc_ms          INTEGER,
            local_time      TEXT NOT NULL,
            zone            TEXT NOT NULL,
            PRIMARY KEY (exhibit_id, idx)
        ) WITHOUT ROWID;
        CREATE TABLE place (
            exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
            idx             INTEGER NOT NULL,
            tag             TEXT NOT NULL,
            value           TEXT NOT NULL,
            latitude        REAL NOT NULL,
            longitude       REAL NOT NULL,
            altitude        REAL,
            PRIMARY KEY (exhibit_id, idx)
        ) WITHOUT ROWID;
        CREATE TABLE exhibit_span (
            exhibit_id      INTEGER PRIMARY KEY REFERENCES exhibit(id),
            start_ms        INTEGER NOT NULL,
            end_ms          INTEGER NOT NULL CHECK (end_ms >= start_ms),
            layer           INTEGER NOT NULL
        );
        CREATE VIRTUAL TABLE exhibit_span_index USING rtree(id, start_s, end_s);
        CREATE TRIGGER exhibit_span_indexed AFTER INSERT ON exhibit_span
        BEGIN INSERT INTO exhibit_span_index VALUES (NEW.exhibit_id, NEW.start_ms / 1000.0, NEW.end_ms / 1000.0); END;

        """

    package static let postgresql = """
        CREATE TABLE time_layer (
            exhibit_id      BIGINT NOT NULL REFERENCES exhibit(id),
            idx             BIGINT NOT NULL,
            kind            TEXT NOT NULL,
            tag             TEXT NOT NULL,
            value           TEXT NOT NULL,
            utc_ms          BIGINT,
            local_time      TEXT NOT NULL,
            zone            TEXT NOT NULL,
            PRIMARY KEY (exhibit_id, idx)
        );
        CREATE TABLE place (
            exhibit_id      BIGINT NOT NULL REFERENCES exhibit(id),
            idx             BIGINT NOT NULL,
            tag             TEXT NOT NULL,
            value           TEXT NOT NULL,
            latitude        DOUBLE PRECISION NOT NULL,
            longitude       DOUBLE PRECISION NOT NULL,
            altitude        DOUBLE PRECISION,
            PRIMARY KEY (exhibit_id, idx)
        );
        CREATE TABLE exhibit_span (
            exhibit_id      BIGINT PRIMARY KEY REFERENCES exhibit(id),
            start_ms        BIGINT NOT NULL,
            end_ms          BIGINT NOT NULL CHECK (end_ms >= start_ms),
            layer           BIGINT NOT NULL
        );
        CREATE INDEX exhibit_span_range ON exhibit_span USING gist (int8range(start_ms, end_ms, '[]'));

        """

    /// Clock corrections (`clock_correction`), a migration of their own.
    package static let sqliteCorrections = """
        CREATE TABLE clock_correction (
            seq             INTEGER PRIMARY KEY,
            exhibit_id      INTEGER NOT NULL REFERENCES exhibit(id),
            offset_ms       INTEGER NOT NULL,
            reason          TEXT NOT NULL
        );
        CREATE INDEX clock_correction_exhibit ON clock_correction(exhibit_id, seq);

        """

    package static let postgresqlCorrections = """
        CREATE TABLE clock_correction (
            seq             BIGINT PRIMARY KEY REFERENCES custody_event(seq),
            exhibit_id      BIGINT NOT NULL REFERENCES exhibit(id),
            offset_ms       BIGINT NOT NULL,
            reason          TEXT NOT NULL
        );
        CREATE INDEX clock_correction_exhibit ON clock_correction(exhibit_id, seq);

        """

    /// The register of fixed cameras (`camera_source`), a migration of its own.
    package static let sqliteSources = """
        CREATE TABLE camera_source (
            seq             INTEGER PRIMARY KEY,
            name            TEXT NOT NULL,
            latitude        REAL NOT NULL,
            longitude       REAL NOT NULL,
            heading         REAL,
            zone            TEXT
        );
        CREATE INDEX camera_source_name ON camera_source(name, seq);

        """

    package static let postgresqlSources = """
        CREATE TABLE camera_source (
            seq             BIGINT PRIMARY KEY REFERENCES custody_event(seq),
            name            TEXT NOT NULL,
            latitude        DOUBLE PRECISION NOT NULL,
            longitude       DOUBLE PRECISION NOT NULL,
            heading         DOUBLE PRECISION,
            zone            TEXT
        );
        CREATE INDEX camera_source_name ON camera_source(name, seq);

        """

    /// Placements of exhibits that have no span of their own (`exhibit_placement`), a migration of their own.
    package static let sqlitePlacements = """
        CREATE TABLE exhibit_placement (
            seq             INTEGER PRIMARY KEY REFERENCES custody_event(seq),
            exhibit_id      INTEGER NOT NULL UNIQUE REFERENCES exhibit(id),
            start_ms        INTEGER NOT NULL,
            end_ms          INTEGER NOT NULL CHECK (end_ms >= start_ms),
            layer           INTEGER NOT NULL
        );
        CREATE TRIGGER exhibit_placement_indexed AFTER INSERT ON exhibit_placement
        BEGIN INSERT INTO exhibit_span_index VALUES (NEW.exhibit_id, NEW.start_ms / 1000.0, NEW.end_ms / 1000.0); END;

        """

    package static let postgresqlPlacements = """
        CREATE TABLE exhibit_placement (
            seq             BIGINT PRIMARY KEY REFERENCES custody_event(seq),
            exhibit_id      BIGINT NOT NULL UNIQUE REFERENCES exhibit(id),
            start_ms        BIGINT NOT NULL,
            end_ms          BIGINT NOT NULL CHECK (end_ms >= start_ms),
            layer           BIGINT NOT NULL
        );
        CREATE INDEX exhibit_placement_range ON exhibit_placement USING gist (int8range(start_ms, end_ms, '[]'));

        """

    /// The place index, a migration of its own: every `place` row's position, so that a lookup by
    /// place alone (`dfc lookup --near`) reads only the places near its point. In SQLite an R*Tree
    /// (`place_index`: the position as a box of 32-bit floats rounded outward, naming its place by
    /// `exhibit_id` and `idx`), kept by a trigger and filled from the places already held; in
    /// PostgreSQL a GiST index of the position as a `point` (longitude, latitude). A lookup measures
    /// every candidate from the `place` row itself, and the audit compares the index with the rows.
    package static let sqlitePlaceIndex = """
        CREATE VIRTUAL TABLE place_index USING rtree(id, min_lat, max_lat, min_lon, max_lon, +exhibit_id, +idx);
        CREATE TRIGGER place_indexed AFTER INSERT ON place
        BEGIN INSERT INTO place_index (min_lat, max_lat, min_lon, max_lon, exhibit_id, idx)
              VALUES (NEW.latitude, NEW.latitude, NEW.longitude, NEW.longitude, NEW.exhibit_id, NEW.idx); END;
        INSERT INTO place_index (min_lat, max_lat, min_lon, max_lon, exhibit_id, idx)
            SELECT latitude, latitude, longitude, longitude, exhibit_id, idx FROM place;

        """

    package static let postgresqlPlaceIndex = "CREATE INDEX place_point ON place USING gist (point(longitude, latitude));\n"

    /// The camera's file-name pattern (`dfc source add --file-name-time`), the same on each engine.
    package static let sourceFileNames = "ALTER TABLE camera_source ADD COLUMN file_name_time TEXT;\n"
}
