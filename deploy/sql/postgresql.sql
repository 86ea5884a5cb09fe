-- Parity schema for PostgreSQL. Idempotent: the runtime applies this file at start-up, and
-- operators may apply it by hand (psql -f deploy/sql/postgresql.sql) before the first silo starts.
-- Payloads are "json", not "jsonb": json keeps the text exactly as written (jsonb reorders keys,
-- which breaks System.Text.Json polymorphic payloads whose "$type" must come first) and still
-- supports the ->> operators for ad-hoc queries. Times are timestamptz (microsecond precision).

-- Journal: append-only, one row per event. The primary key makes two writers of one grain collide
-- (unique violation), and the self-reference on previous_sequence makes a gap impossible: event N
-- can exist only if event N-1 does. Together: no fork, no gap, whatever the cluster view.
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

-- Newest snapshot per grain. Writers upsert with "WHERE version < excluded.version" so an older
-- snapshot never replaces a newer one.
CREATE TABLE IF NOT EXISTS parity_journal_snapshot (
    grain_type         text        NOT NULL,
    grain_key          text        NOT NULL,
    version            bigint      NOT NULL,
    payload            json        NOT NULL,
    snapshot_timestamp timestamptz NOT NULL,
    CONSTRAINT parity_journal_snapshot_pk PRIMARY KEY (grain_type, grain_key)
);

-- Whole grain state with a version as ETag. A cleared state keeps its row with a NULL payload, so
-- versions never restart and a stale ETag from before the clear can never match again.
CREATE TABLE IF NOT EXISTS parity_grain_state (
    state_name text   NOT NULL,
    grain_type text   NOT NULL,
    grain_key  text   NOT NULL,
    payload    json   NULL,
    version    bigint NOT NULL,
    CONSTRAINT parity_grain_state_pk PRIMARY KEY (state_name, grain_type, grain_key)
);

-- Durable reminders. The ETag is a fresh random value on every write, so a removed and re-added
-- reminder never matches an old ETag.
CREATE TABLE IF NOT EXISTS parity_reminder (
    grain_type text        NOT NULL,
    grain_key  text        NOT NULL,
    name       text        NOT NULL,
    due_at     timestamptz NOT NULL,
    period_us  bigint      NOT NULL,
    etag       text        NOT NULL,
    CONSTRAINT parity_reminder_pk PRIMARY KEY (grain_type, grain_key, name)
);

CREATE INDEX IF NOT EXISTS parity_reminder_due ON parity_reminder (due_at);

-- Membership: one version row per cluster, bumped by every status write, plus one row per silo
-- (a restarted silo is a new generation, hence a new row).
CREATE TABLE IF NOT EXISTS parity_membership_version (
    cluster_id text   NOT NULL,
    version    bigint NOT NULL,
    CONSTRAINT parity_membership_version_pk PRIMARY KEY (cluster_id)
);

CREATE TABLE IF NOT EXISTS parity_membership (
    cluster_id      text        NOT NULL,
    host            text        NOT NULL,
    port            integer     NOT NULL,
    generation      bigint      NOT NULL,
    status          integer     NOT NULL,
    gateway_port    integer     NOT NULL,
    host_name       text        NOT NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    CONSTRAINT parity_membership_pk PRIMARY KEY (cluster_id, host, port, generation)
);
