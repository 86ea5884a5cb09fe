using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parity.Runtime.Storage.AdoNet;

/// <summary>
/// One database shared by the ADO.NET providers of a silo: owns the connections and applies the
/// schema when opened. PostgreSQL: a pooled Npgsql data source. SQLite: one writer connection
/// (WAL mode, synchronous=FULL, busy timeout) that every write takes in turn, and pooled readers,
/// because SQLite admits one writer at a time anyway and queuing in-process beats SQLITE_BUSY retries.
/// </summary>
public sealed class AdoNetDatabase : IAsyncDisposable
{
    // Serialises schema creation across silos starting together: concurrent CREATE TABLE IF NOT EXISTS
    // can fail on PostgreSQL's catalog unique index. The value is arbitrary but fixed ("PARITYSC").
    private const long SchemaLockKey = 0x5041524954595343;

    private readonly NpgsqlDataSource? _dataSource;
    private readonly SqliteConnection? _sqliteWriter;
    private readonly string? _sqliteConnectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _disposed;

    private AdoNetDatabase(AdoNetStorageOptions options)
    {
        Options = options;
        if (options.Provider == AdoNetProvider.PostgreSql)
        {
            Dialect = PostgresDialect.Instance;
            _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        }
        else
        {
            Dialect = SqliteDialect.Instance;
            _sqliteConnectionString = new SqliteConnectionStringBuilder(options.ConnectionString)
            {
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.SqliteBusyTimeout.TotalSeconds)),
            }.ToString();
            _sqliteWriter = new SqliteConnection(_sqliteConnectionString);
        }
    }

    /// <summary>A copy of the options the database was opened with.</summary>
    public AdoNetStorageOptions Options { get; }

    /// <summary>The database kind.</summary>
    public AdoNetProvider Provider => Options.Provider;

    internal SqlDialect Dialect { get; }

    /// <summary>Opens the database and, unless <see cref="AdoNetStorageOptions.CreateSchema"/> is off, creates the schema idempotently.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="StorageException">The database cannot be reached or the schema cannot be applied.</exception>
    public static async Task<AdoNetDatabase> OpenAsync(AdoNetStorageOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var database = new AdoNetDatabase(options.Clone());
        try
        {
            await database.InitializeAsync(cancellationToken).ConfigureAwait(false);
            return database;
        }
        catch (Exception ex) when (ex is DbException or IOException)
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw new StorageException($"Cannot open the {options.Provider} database: {ex.Message}", ex);
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The schema script this database applies at start-up (identical to the file in deploy/sql).</summary>
    internal string SchemaScript => SchemaScripts.Load(Dialect);

    internal async ValueTask<ConnectionLease> OpenWriteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_dataSource is not null)
        {
            return new ConnectionLease(await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false), ownsConnection: true);
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionLease(_sqliteWriter!, ownsConnection: false, _writeGate);
    }

    internal async ValueTask<ConnectionLease> OpenReadAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_dataSource is not null)
        {
            return new ConnectionLease(await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false), ownsConnection: true);
        }

        var reader = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await reader.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(reader, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};", cancellationToken).ConfigureAwait(false);
            return new ConnectionLease(reader, ownsConnection: true);
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the connections; SQLite's file is released so it can be reopened or moved.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }

        if (_sqliteWriter is not null)
        {
            // Wait for a write in flight, then close: closing mid-transaction would roll it back.
            await _writeGate.WaitAsync().ConfigureAwait(false);
            SqliteConnection.ClearPool(_sqliteWriter);
            await _sqliteWriter.DisposeAsync().ConfigureAwait(false);
            _writeGate.Release();
        }
    }

    private string BusyTimeoutMilliseconds => ((long)Options.SqliteBusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_sqliteWriter is not null)
        {
            await _sqliteWriter.OpenAsync(cancellationToken).ConfigureAwait(false);

            // WAL lets readers run beside the writer; FULL makes a commit durable before it returns
            // (a caller is answered only after its events are durable); foreign keys guard the journal chain.
            await ExecuteAsync(_sqliteWriter,
                $"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};",
                cancellationToken).ConfigureAwait(false);
        }

        if (!Options.CreateSchema)
        {
            return;
        }

        await using var lease = await OpenWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await lease.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (Provider == AdoNetProvider.PostgreSql)
        {
            await using var lockCommand = lease.Connection.CreateCommand("SELECT pg_advisory_xact_lock(@key)", transaction);
            lockCommand.Add("key", SchemaLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var schema = lease.Connection.CreateCommand(SchemaScript, transaction))
        {
            await schema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
