-- Parity schema for SQLite (the embedded single-node store). Idempotent: the runtime applies this
-- file at start-up. Same tables and constraints as postgresql.sql; differences:
-- times are INTEGER microseconds since the Unix epoch (UTC), payloads are TEXT holding JSON.
-- Foreign keys need "PRAGMA foreign_keys = ON" on every connection (the runtime sets it).

-- Journal: append-only. The primary key makes two writers of one grain collide, and the
-- self-reference on previous_sequence makes a gap impossible: no fork, no gap.
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

-- A cleared state keeps its row with a NULL payload so versions (ETags) never restart.
CREATE TABLE IF NOT EXISTS parity_grain_state (
    state_name TEXT    NOT NULL,
    grain_type TEXT    NOT NULL,
    grain_key  TEXT    NOT NULL,
    payload    TEXT    NULL,
    version    INTEGER NOT NULL,
    CONSTRAINT parity_grain_state_pk PRIMARY KEY (state_name, grain_type, grain_key)
);

CREATE TABLE IF NOT EXISTS parity_reminder (
    grain_type TEXT    NOT NULL,
    grain_key  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    due_at     INTEGER NOT NULL,
    period_us  INTEGER NOT NULL,
    etag       TEXT    NOT NULL,
    CONSTRAINT parity_reminder_pk PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX IF NOT EXISTS parity_reminder_due ON parity_reminder (due_at);

CREATE TABLE IF NOT EXISTS parity_membership_version (
    cluster_id TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    CONSTRAINT parity_membership_version_pk PRIMARY KEY (cluster_id)
);

CREATE TABLE IF NOT EXISTS parity_membership (
    cluster_id      TEXT    NOT NULL,
    host            TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    status          INTEGER NOT NULL,
    gateway_port    INTEGER NOT NULL,
    host_name       TEXT    NOT NULL,
    start_time      INTEGER NOT NULL,
    i_am_alive_time INTEGER NOT NULL,
    CONSTRAINT parity_membership_pk PRIMARY KEY (cluster_id, host, port, generation)
);
