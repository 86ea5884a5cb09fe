using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>
/// The journal's connections. PostgreSQL: a pooled Npgsql data source. SQLite: one writer connection (WAL,
/// synchronous=FULL, foreign keys on, busy timeout) that every write of the silo takes in turn, and pooled
/// readers: SQLite admits one writer at a time anyway, and queuing in-process beats SQLITE_BUSY retries.
/// The schema is not applied here; the migration step applies deploy/sql/parity/*-journal.sql.
/// </summary>
internal sealed class JournalDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;
    private readonly SqliteConnection? _sqliteWriter;
    private readonly string? _sqliteConnectionString;
    private readonly long _busyTimeoutMilliseconds;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private Task? _sqliteWriterOpened;
    private int _disposed;

    public JournalDatabase(ParityJournalStorage storage, string connectionString, TimeSpan sqliteBusyTimeout)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (storage == ParityJournalStorage.PostgreSql)
        {
            Dialect = PostgresDialect.Instance;
            _dataSource = NpgsqlDataSource.Create(connectionString);
        }
        else if (storage == ParityJournalStorage.Sqlite)
        {
            Dialect = SqliteDialect.Instance;
            _busyTimeoutMilliseconds = (long)sqliteBusyTimeout.TotalMilliseconds;
            _sqliteConnectionString = new SqliteConnectionStringBuilder(connectionString)
            {
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(sqliteBusyTimeout.TotalSeconds)),
            }.ToString();
            _sqliteWriter = new SqliteConnection(_sqliteConnectionString);
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(storage), storage, "The journal database is PostgreSQL or SQLite.");
        }
    }

    public SqlDialect Dialect { get; }

    /// <summary>
    /// Runs <paramref name="work"/> so that it never blocks its caller: Microsoft.Data.Sqlite's async methods run
    /// synchronously, which on a grain's scheduler would stall the grain (and its group commit) for the whole write.
    /// Npgsql is truly asynchronous and runs inline.
    /// </summary>
    public Task<T> OffCallerAsync<T>(Func<Task<T>> work) => _dataSource is null ? Task.Run(work) : work();

    /// <inheritdoc cref="OffCallerAsync{T}(Func{Task{T}})"/>
    public Task OffCallerAsync(Func<Task> work) => _dataSource is null ? Task.Run(work) : work();

    public async ValueTask<ConnectionLease> OpenWriteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_dataSource is not null)
        {
            return new ConnectionLease(await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false), ownsConnection: true);
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Opened lazily under the gate, so a silo starts even while the database file is not there yet.
            _sqliteWriterOpened ??= OpenSqliteWriterAsync();
            await _sqliteWriterOpened.ConfigureAwait(false);
        }
        catch
        {
            _sqliteWriterOpened = null;
            _writeGate.Release();
            throw;
        }

        return new ConnectionLease(_sqliteWriter!, ownsConnection: false, _writeGate);
    }

    public async ValueTask<ConnectionLease> OpenReadAsync(CancellationToken cancellationToken)
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
            await ExecuteAsync(reader, $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)};", cancellationToken).ConfigureAwait(false);
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

    private async Task OpenSqliteWriterAsync()
    {
        if (_sqliteWriter!.State != System.Data.ConnectionState.Open)
        {
            await _sqliteWriter.OpenAsync().ConfigureAwait(false);
        }

        // WAL lets readers run beside the writer; FULL makes a commit durable before it returns (a caller is answered
        // only after its events are durable); foreign keys make the journal's no-gap rule hold.
        await ExecuteAsync(_sqliteWriter,
            $"PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {_busyTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture)};",
            CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
