-- Orleans reminders on SQLite (Parity's IReminderTable: providers/Reminders/SqliteReminderTable.cs).
-- Orleans ships no SQLite reminders script; this table is Parity's own. The name is not the old runtime's
-- parity_reminder, so both can live in one file while the old engine is retired.
--
-- One row per (service, grain, reminder name). grain_id is GrainId.ToString() (parsed back with GrainId.Parse);
-- grain_hash is GrainId.GetUniformHashCode(), an unsigned 32-bit value stored as is (0..4294967295), so the
-- reminder service's ring-range reads compare it directly, without Orleans' signed-int mapping.
-- start_at_ticks is the UTC start as DateTime.Ticks and period_ticks is TimeSpan.Ticks: both round-trip exactly.
-- etag is a fresh random value on every write, so an etag from before a remove and re-insert never matches again.
CREATE TABLE IF NOT EXISTS parity_orleans_reminder (
    service_id     TEXT    NOT NULL,
    grain_id       TEXT    NOT NULL,
    reminder_name  TEXT    NOT NULL,
    grain_hash     INTEGER NOT NULL,
    start_at_ticks INTEGER NOT NULL,
    period_ticks   INTEGER NOT NULL,
    etag           TEXT    NOT NULL,
    CONSTRAINT parity_orleans_reminder_pk PRIMARY KEY (service_id, grain_id, reminder_name),
    CONSTRAINT parity_orleans_reminder_hash CHECK (grain_hash BETWEEN 0 AND 4294967295)
) WITHOUT ROWID;

-- Range reads: each silo reads the reminders whose grains hash into its part of the ring.
CREATE INDEX IF NOT EXISTS parity_orleans_reminder_by_hash ON parity_orleans_reminder (service_id, grain_hash);
