namespace Parity.Runtime.Storage.AdoNet;

/// <summary>Options of the ADO.NET provider family (journal, grain state, reminders, membership).</summary>
public sealed class AdoNetStorageOptions
{
    /// <summary>Which database <see cref="ConnectionString"/> points at.</summary>
    /// <value>The default value is <see cref="AdoNetProvider.Sqlite"/>.</value>
    public AdoNetProvider Provider { get; set; } = AdoNetProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string: an Npgsql one for PostgreSQL (<c>Host=...;Database=...</c>) or a
    /// Microsoft.Data.Sqlite one (<c>Data Source=/var/lib/parity/parity.db</c>). Required.
    /// </summary>
    /// <value>The default value is an empty string, which fails validation.</value>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// Whether journal appends of all grains go through the silo-wide coalescing writer, which writes
    /// many grains' appends as multi-row statements in one transaction per batch. Off: each append is
    /// its own statement (kept for benchmarks and diagnosis).
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CoalesceAppends { get; set; } = true;

    /// <summary>The most appends (not events) the coalescing writer puts in one batch.</summary>
    /// <value>The default value is 256.</value>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Whether the schema is created (idempotently) when the database is opened.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CreateSchema { get; set; } = true;

    /// <summary>Cluster whose membership rows <see cref="Membership.AdoNet.AdoNetMembershipTable"/> reads and writes.</summary>
    /// <value>The default value is <c>parity</c>.</value>
    public string ClusterId { get; set; } = "parity";

    /// <summary>SQLite only: how long a statement waits for a lock held by another process before failing.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Options for a SQLite database file at <paramref name="path"/> (created when missing).</summary>
    public static AdoNetStorageOptions ForSqliteFile(string path) => new()
    {
        Provider = AdoNetProvider.Sqlite,
        ConnectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = path }.ToString(),
    };

    /// <summary>Options for a PostgreSQL database reached by <paramref name="connectionString"/>.</summary>
    public static AdoNetStorageOptions ForPostgreSql(string connectionString) => new()
    {
        Provider = AdoNetProvider.PostgreSql,
        ConnectionString = connectionString,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException($"{nameof(ConnectionString)} is required.", nameof(ConnectionString));
        }

        if (!Enum.IsDefined(Provider))
        {
            throw new ArgumentException($"{nameof(Provider)} {Provider} is not supported.", nameof(Provider));
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentException($"{nameof(MaxBatchSize)} must be at least 1, not {MaxBatchSize}.", nameof(MaxBatchSize));
        }

        if (string.IsNullOrWhiteSpace(ClusterId))
        {
            throw new ArgumentException($"{nameof(ClusterId)} is required.", nameof(ClusterId));
        }

        if (SqliteBusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(SqliteBusyTimeout)} must not be negative.", nameof(SqliteBusyTimeout));
        }
    }

    internal AdoNetStorageOptions Clone() => (AdoNetStorageOptions)MemberwiseClone();
}
