using Npgsql;

namespace Parity.Runtime.Membership.AdoNet;

/// <summary>
/// A PostgreSQL session advisory lock per silo, held on a dedicated (unpooled) connection for the
/// silo's life. PostgreSQL drops the lock the moment that session ends — a crashed process's socket
/// closes with it — so another silo can tell "dead" from "slow" without waiting for missed heartbeats.
/// </summary>
public sealed class PostgresSiloLivenessLock : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;
    private bool _disposed;

    /// <summary>Creates the lock holder; nothing is opened until <see cref="AcquireAsync"/>.</summary>
    /// <param name="connectionString">An Npgsql connection string to the cluster's database.</param>
    public PostgresSiloLivenessLock(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _connectionString = connectionString;
    }

    /// <summary>The silo whose lock this instance holds, or null when it holds none.</summary>
    public SiloAddress? Silo { get; private set; }

    /// <summary>The PostgreSQL backend holding the lock, or null (for operators and tests).</summary>
    internal int? BackendProcessId => _connection?.ProcessID;

    /// <summary>The advisory lock key of <paramref name="silo"/>: its stable hash (endpoint and generation).</summary>
    public static long LockKey(SiloAddress silo) => unchecked((long)silo.StableHash());

    /// <summary>
    /// Takes <paramref name="silo"/>'s lock on a new dedicated connection and keeps it until
    /// <see cref="ReleaseAsync"/> or until the process dies.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// This instance already holds a lock, or another session holds <paramref name="silo"/>'s lock
    /// (the same address and generation twice is a bug; waiting for it would hang start-up).
    /// </exception>
    public async Task AcquireAsync(SiloAddress silo, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_connection is not null)
            {
                throw new InvalidOperationException($"This liveness lock already holds the lock of {Silo}.");
            }

            // Unpooled: closing must end the session; a pooled connection would keep (or reset) it behind our back.
            var builder = new NpgsqlConnectionStringBuilder(_connectionString)
            {
                Pooling = false,
                KeepAlive = 10,
                ApplicationName = $"parity-silo-liveness {silo}",
            };
            var connection = new NpgsqlConnection(builder.ConnectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", LockKey(silo));
                if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not true)
                {
                    throw new InvalidOperationException($"The liveness lock of silo {silo} is held by another session: is the silo running twice?");
                }
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _connection = connection;
            Silo = silo;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Releases the lock by ending its session. Does nothing when no lock is held.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connection is { } connection && Silo is { } silo)
            {
                _connection = null;
                Silo = null;
                try
                {
                    // Unlock explicitly: the backend drops a closed session's locks only once it notices the
                    // socket closed, and a graceful release must be visible to others when it returns.
                    await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                    command.Parameters.AddWithValue("key", LockKey(silo));
                    await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (NpgsqlException)
                {
                    // The session is already broken, and with it the lock.
                }
                finally
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Test seam: closes the session without unlocking, as a dying process's socket does.</summary>
    internal async Task AbandonAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            Silo = null;
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Whether some session holds <paramref name="silo"/>'s lock, asked over this instance's connection string.</summary>
    public Task<bool> IsHeldAsync(SiloAddress silo, CancellationToken cancellationToken = default)
        => IsHeldAsync(_connectionString, silo, cancellationToken);

    /// <summary>
    /// Whether some session holds <paramref name="silo"/>'s lock. Probes with a transaction-scoped
    /// <c>pg_try_advisory_xact_lock</c>, which PostgreSQL releases at the end of the probe, so the probe
    /// can never leave a lock behind on a pooled connection.
    /// </summary>
    public static async Task<bool> IsHeldAsync(string connectionString, SiloAddress silo, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction);
        command.Parameters.AddWithValue("key", LockKey(silo));
        var acquired = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        return !acquired;
    }

    /// <summary>Releases the lock; the instance cannot acquire again. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        // The gate is not disposed: a SemaphoreSlim without a wait handle holds nothing, and keeping it
        // makes a second dispose (or a racing release) harmless.
        _disposed = true;
        await ReleaseAsync().ConfigureAwait(false);
    }
}
