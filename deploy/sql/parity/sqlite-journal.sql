-- Parity event journal for SQLite (the embedded single-node store): the tables of the Parity journal
-- log-consistency provider (providers/Journal). Idempotent, and identical in tables, columns and constraints to the
-- journal part of the old deploy/sql/sqlite.sql, so a file created by the old runtime keeps its events readable.
-- Same tables and constraints as postgresql-journal.sql; differences: times are INTEGER microseconds since the Unix
-- epoch (UTC), payloads are TEXT holding JSON. The foreign key needs "PRAGMA foreign_keys = ON" on the writing
-- connection (the journal sets it).

-- Journal: append-only. The primary key makes two writers of one grain collide, and the self-reference on
-- previous_sequence makes a gap impossible: no fork, no gap.
CREATE TABLE IF NOT EXISTS parity_journal (
    grain_type        TEXT    NOT NULL,
    grain_key         TEXT    NOT NULL,
    sequence          INTEGER NOT NULL,
    previous_sequence INTEGER NULL,
    event_type        TEXT    NOT NULL,
    payload           TEXT    NOT NULL,
    correlation_id    TEXT    NULL,
    causation_id      TEXT    NULL,
    source_system     TEXT    NULL,
    source_event_id   TEXT    NULL,
    event_timestamp   INTEGER NOT NULL,
    CONSTRAINT parity_journal_pk PRIMARY KEY (grain_type, grain_key, sequence),
    CONSTRAINT parity_journal_sequence_chain CHECK (
        (sequence = 1 AND previous_sequence IS NULL) OR (sequence > 1 AND previous_sequence = sequence - 1)),
    CONSTRAINT parity_journal_no_gap FOREIGN KEY (grain_type, grain_key, previous_sequence)
        REFERENCES parity_journal (grain_type, grain_key, sequence)
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS parity_journal_correlation ON parity_journal (correlation_id)
    WHERE correlation_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS parity_journal_source_event ON parity_journal (source_system, source_event_id)
    WHERE source_event_id IS NOT NULL;

CREATE TABLE IF NOT EXISTS parity_journal_snapshot (
    grain_type         TEXT    NOT NULL,
    grain_key          TEXT    NOT NULL,
    version            INTEGER NOT NULL,
    payload            TEXT    NOT NULL,
    snapshot_timestamp INTEGER NOT NULL,
    CONSTRAINT parity_journal_snapshot_pk PRIMARY KEY (grain_type, grain_key)
);
