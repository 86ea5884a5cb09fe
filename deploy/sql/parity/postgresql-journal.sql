-- Parity event journal for PostgreSQL: the tables of the Parity journal log-consistency provider
-- (providers/Journal). Idempotent, and identical in tables, columns and constraints to the journal part of the old
-- deploy/sql/postgresql.sql, so a database created by the old runtime keeps its events readable.
-- Payloads are "json", not "jsonb": json keeps the text exactly as written (jsonb reorders keys, which breaks
-- System.Text.Json polymorphic payloads whose "$type" must come first). Times are timestamptz (microseconds).

-- Journal: append-only, one row per event. The primary key makes two writers of one grain collide (unique
-- violation), and the self-reference on previous_sequence makes a gap impossible: event N can exist only if event
-- N-1 does. Together: no fork, no gap, whatever the cluster view. grain_type and grain_key are the Orleans grain
-- type and key as text.
CREATE TABLE IF NOT EXISTS parity_journal (
    grain_type        text        NOT NULL,
    grain_key         text        NOT NULL,
    sequence          bigint      NOT NULL,
    previous_sequence bigint      NULL,
    event_type        text        NOT NULL,
    payload           json        NOT NULL,
    correlation_id    text        NULL,
    causation_id      text        NULL,
    source_system     text        NULL,
    source_event_id   text        NULL,
    event_timestamp   timestamptz NOT NULL,
    CONSTRAINT parity_journal_pk PRIMARY KEY (grain_type, grain_key, sequence),
    CONSTRAINT parity_journal_sequence_chain CHECK (
        (sequence = 1 AND previous_sequence IS NULL) OR (sequence > 1 AND previous_sequence = sequence - 1)),
    CONSTRAINT parity_journal_no_gap FOREIGN KEY (grain_type, grain_key, previous_sequence)
        REFERENCES parity_journal (grain_type, grain_key, sequence)
);

-- Lineage queries: every event caused by one channel request, or carrying one source event id.
CREATE INDEX IF NOT EXISTS parity_journal_correlation ON parity_journal (correlation_id)
    WHERE correlation_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS parity_journal_source_event ON parity_journal (source_system, source_event_id)
    WHERE source_event_id IS NOT NULL;

-- Newest snapshot per grain. Writers upsert with "WHERE version < excluded.version" so an older snapshot never
-- replaces a newer one.
CREATE TABLE IF NOT EXISTS parity_journal_snapshot (
    grain_type         text        NOT NULL,
    grain_key          text        NOT NULL,
    version            bigint      NOT NULL,
    payload            json        NOT NULL,
    snapshot_timestamp timestamptz NOT NULL,
    CONSTRAINT parity_journal_snapshot_pk PRIMARY KEY (grain_type, grain_key)
);
