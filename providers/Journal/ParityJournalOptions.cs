using System.Text.Json;

namespace Parity.Providers.Journal;

/// <summary>
/// Options of the Parity journal (the log-consistency provider named <see cref="ParityJournal.ProviderName"/>).
/// Validated when the silo starts.
/// </summary>
public sealed class ParityJournalOptions
{
    /// <summary>Where events and snapshots are kept.</summary>
    /// <value>The default value is <see cref="ParityJournalStorage.Sqlite"/>.</value>
    public ParityJournalStorage Storage { get; set; } = ParityJournalStorage.Sqlite;

    /// <summary>
    /// The ADO.NET connection string: an Npgsql one for PostgreSQL (<c>Host=...;Database=...;Maximum Pool Size=...</c>:
    /// size the pool below the server's <c>max_connections</c> divided by the number of silos), or a Microsoft.Data.Sqlite
    /// one (<c>Data Source=/var/lib/parity/parity.db</c>). Required unless <see cref="Storage"/> is
    /// <see cref="ParityJournalStorage.Memory"/>. The tables must exist (deploy/sql/parity/*-journal.sql, applied by
    /// the migration step). Logged with its password redacted.
    /// </summary>
    /// <value>The default value is an empty string.</value>
    [RedactPassword]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>A snapshot of a grain's confirmed state is written each time this many events were confirmed since the last one.</summary>
    /// <value>The default value is 100.</value>
    public int SnapshotInterval { get; set; } = 100;

    /// <summary>
    /// Whether appends of all grains of the silo go through one coalescing writer that writes many grains' appends as
    /// multi-row statements. Off: each append is its own statement (for benchmarks and diagnosis). Ignored for
    /// <see cref="ParityJournalStorage.Memory"/>.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CoalesceAppends { get; set; } = true;

    /// <summary>The most appends (not events) the coalescing writer puts in one batch.</summary>
    /// <value>The default value is 256.</value>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>SQLite only: how long a statement waits for a lock held by another connection or process before failing.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How events and snapshots are written as JSON. Event types are serialized as the grain's event base type, so a
    /// hierarchy of events needs <c>[JsonPolymorphic]</c>/<c>[JsonDerivedType]</c> on its base type.
    /// </summary>
    /// <value>The default value is <see cref="ParityJournal.DefaultJsonOptions"/>: Web defaults, enums as strings, unmapped members skipped.</value>
    public JsonSerializerOptions JsonOptions { get; set; } = ParityJournal.DefaultJsonOptions;

    /// <summary>
    /// Wraps the storage in a <see cref="FaultInjectingJournalStorage"/> (resolve it as the keyed
    /// <see cref="IJournalStorage"/> <see cref="ParityJournal.ProviderName"/>) so tests and benchmarks can add latency
    /// and failures. Never in production.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool InjectFaults { get; set; }
}
