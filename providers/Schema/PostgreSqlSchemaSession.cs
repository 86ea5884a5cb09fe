using Microsoft.Extensions.Logging;
using Npgsql;

namespace Parity.Providers.Schema;

/// <summary>
/// PostgreSQL: a session-level advisory lock held for the whole migration serialises migrators, so two started at
/// once apply each script once (the second waits, then finds everything recorded).
/// </summary>
internal sealed class PostgreSqlSchemaSession : SchemaSession
{
    /// <summary>Advisory lock key of the migration: the ASCII bytes of "ParitySM".</summary>
    internal const long AdvisoryLockKey = 0x50617269_7479534D;

    private const string ScratchSchema = "parity_schema_scratch";

    private PostgreSqlSchemaSession(NpgsqlConnection connection)
        : base(connection)
    {
    }

    protected override string LedgerDdl =>
        $"""
        CREATE TABLE IF NOT EXISTS {LedgerTable} (
            script     text        NOT NULL,
            sha256     text        NOT NULL,
            outcome    text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT {LedgerTable}_pk PRIMARY KEY (script)
        )
        """;

    public static async Task<PostgreSqlSchemaSession> OpenAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var session = new PostgreSqlSchemaSession(connection);
            await session.LockAsync(logger, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public override async Task<bool> OrleansQueryExistsAsync(CancellationToken cancellationToken)
    {
        await using var command = CreateCommand("SELECT to_regclass('orleansquery') IS NOT NULL");
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }

    public override async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ComputeOrleansQueriesAsync(
        IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        // DDL is transactional in PostgreSQL: run the scripts in a scratch schema first on the search path, read what
        // they inserted, and roll it all back. The advisory lock keeps other migrators out of the scratch schema.
        var result = new List<IReadOnlyDictionary<string, string>>();
        await using var transaction = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var setUp = CreateCommand($"CREATE SCHEMA {ScratchSchema}; SET LOCAL search_path TO {ScratchSchema}", transaction))
        {
            await setUp.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyDictionary<string, string> before = new Dictionary<string, string>();
        foreach (var script in scripts)
        {
            await using (var run = CreateCommand(script.Text, transaction))
            {
                await run.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var read = CreateCommand($"SELECT QueryKey, QueryText FROM {ScratchSchema}.OrleansQuery", transaction);
            var after = await ReadQueryRowsAsync(read, cancellationToken).ConfigureAwait(false);
            result.Add(NewRows(before, after));
            before = after;
        }

        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override async ValueTask DisposeAsync()
    {
        try
        {
            if (Connection.State == System.Data.ConnectionState.Open)
            {
                await using var unlock = CreateCommand("SELECT pg_advisory_unlock(@key)");
                AddParameter(unlock, "key", AdvisoryLockKey);
                await unlock.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
        }
        catch (NpgsqlException)
        {
            // A broken connection has lost its session, and the lock with it.
        }
        finally
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task LockAsync(ILogger logger, CancellationToken cancellationToken)
    {
        await using (var tryLock = CreateCommand("SELECT pg_try_advisory_lock(@key)"))
        {
            AddParameter(tryLock, "key", AdvisoryLockKey);
            if (await tryLock.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return;
            }
        }

        SchemaLog.WaitingForMigrationLock(logger, AdvisoryLockKey);
        await using var wait = CreateCommand("SELECT pg_advisory_lock(@key)");
        AddParameter(wait, "key", AdvisoryLockKey);
        await wait.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
