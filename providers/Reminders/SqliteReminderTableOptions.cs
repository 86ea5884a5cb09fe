using Orleans;

namespace Parity.Providers.Reminders;

/// <summary>Options of the SQLite reminder table (<c>UseSqliteReminderService</c>).</summary>
public sealed class SqliteReminderTableOptions
{
    /// <summary>The default of <see cref="BusyTimeout"/>: 5 seconds.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The largest <see cref="BusyTimeout"/> accepted: 5 minutes.</summary>
    public static readonly TimeSpan MaximumBusyTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Gets or sets the Microsoft.Data.Sqlite connection string of the database file holding the
    /// <c>parity_orleans_reminder</c> table (created by the schema migration), e.g. <c>Data Source=/var/lib/parity/parity.db</c>.
    /// </summary>
    /// <value>Required; there is no default. An in-memory database is refused: reminders must outlive the silo.</value>
    [Redact]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Gets or sets how long a statement waits for another connection's write lock before failing. SQLite allows one
    /// writer at a time; the table keeps its transactions to one statement, so waits are short.
    /// </summary>
    /// <value>The default value is 5 seconds; it must be positive and at most 5 minutes.</value>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>
    /// Gets or sets whether the table switches the database file to write-ahead logging when the silo starts, so
    /// readers do not wait for the writer. The setting is stored in the file and applies to every connection.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseWriteAheadLog { get; set; } = true;
}
