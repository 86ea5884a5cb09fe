using System.Data.Common;

namespace Parity.Providers.Schema;

/// <summary>
/// One migrator's connection to the database, with the dialect's differences (locking, ledger DDL, scratch runs of
/// Orleans' scripts) behind it. The ledger check and the script run share one transaction, so a script is applied
/// and recorded together or not at all.
/// </summary>
internal abstract class SchemaSession : IAsyncDisposable
{
    internal const string LedgerTable = "parity_schema_migration";
    internal const string OutcomeApplied = "applied";
    internal const string OutcomeAdopted = "adopted";

    protected SchemaSession(DbConnection connection) => Connection = connection;

    protected DbConnection Connection { get; }

    /// <summary>DDL creating the ledger if it is missing.</summary>
    protected abstract string LedgerDdl { get; }

    public async Task EnsureLedgerAsync(CancellationToken cancellationToken)
    {
        await using var command = CreateCommand(LedgerDdl);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Recorded scripts: ledger name to SHA-256.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadLedgerAsync(CancellationToken cancellationToken)
    {
        var ledger = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = CreateCommand($"SELECT script, sha256 FROM {LedgerTable}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ledger[reader.GetString(0)] = reader.GetString(1);
        }

        return ledger;
    }

    /// <summary>
    /// In one transaction: when the ledger has no row for <paramref name="script"/>, runs it (unless
    /// <paramref name="execute"/> is false: adoption) and records it, returning null; otherwise returns the
    /// recorded SHA-256 and runs nothing (a concurrent migrator got there first).
    /// </summary>
    public async Task<string?> RunOnceAsync(SchemaScript script, bool execute, CancellationToken cancellationToken)
    {
        await using var transaction = await Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var check = CreateCommand($"SELECT sha256 FROM {LedgerTable} WHERE script = @script", transaction))
        {
            AddParameter(check, "script", script.Name);
            if (await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string recorded)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return recorded;
            }
        }

        if (execute)
        {
            try
            {
                await using var run = CreateCommand(script.Text, transaction);
                await run.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                throw new SchemaScriptFailedException(script.Name, ex);
            }
        }

        await using (var record = CreateCommand($"INSERT INTO {LedgerTable} (script, sha256, outcome) VALUES (@script, @sha256, @outcome)", transaction))
        {
            AddParameter(record, "script", script.Name);
            AddParameter(record, "sha256", script.Sha256);
            AddParameter(record, "outcome", execute ? OutcomeApplied : OutcomeAdopted);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>Whether Orleans' <c>OrleansQuery</c> table exists (Orleans' Main script ran, by us or by hand).</summary>
    public abstract Task<bool> OrleansQueryExistsAsync(CancellationToken cancellationToken);

    /// <summary>The database's <c>OrleansQuery</c> rows: key to text.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ReadOrleansQueryAsync(CancellationToken cancellationToken)
    {
        await using var command = CreateCommand("SELECT QueryKey, QueryText FROM OrleansQuery");
        return await ReadQueryRowsAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The <c>OrleansQuery</c> rows each of <paramref name="scripts"/> inserts, found by running them, in order, where
    /// nothing is kept (a rolled-back scratch schema, an in-memory database): what the scripts produce, not a parse of them.
    /// </summary>
    public abstract Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ComputeOrleansQueriesAsync(
        IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected DbCommand CreateCommand(string text, DbTransaction? transaction = null) => CreateCommand(Connection, text, transaction);

    protected static DbCommand CreateCommand(DbConnection connection, string text, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        command.Transaction = transaction;
        // Scripts may build indexes on large tables; the caller's cancellation token bounds the wait instead.
        command.CommandTimeout = 0;
        return command;
    }

    protected static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    protected static async Task<IReadOnlyDictionary<string, string>> ReadQueryRowsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[reader.GetString(0)] = reader.GetString(1);
        }

        return rows;
    }

    protected static IReadOnlyDictionary<string, string> NewRows(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
        => after.Where(row => !before.ContainsKey(row.Key)).ToDictionary(row => row.Key, row => row.Value, StringComparer.Ordinal);
}
