using Microsoft.Data.Sqlite;

namespace Parity.Providers.Schema;

/// <summary>
/// SQLite: one writer at a time is the database's own rule. Each script's ledger check, run and record happen in
/// one <c>BEGIN IMMEDIATE</c> transaction, so a concurrent migrator waits (busy timeout) and then finds the script
/// recorded; no lock across scripts is needed because every migrator walks the scripts in the same order.
/// </summary>
internal sealed class SqliteSchemaSession : SchemaSession
{
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private SqliteSchemaSession(SqliteConnection connection)
        : base(connection)
    {
    }

    protected override string LedgerDdl =>
        $"""
        CREATE TABLE IF NOT EXISTS {LedgerTable} (
            script     TEXT NOT NULL,
            sha256     TEXT NOT NULL,
            outcome    TEXT NOT NULL,
            -- ISO 8601 UTC text: the ledger is read by people; Parity's data tables use integer microseconds.
            applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            CONSTRAINT {LedgerTable}_pk PRIMARY KEY (script)
        )
        """;

    public static async Task<SqliteSchemaSession> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DefaultTimeout < (int)BusyTimeout.TotalSeconds)
        {
            builder.DefaultTimeout = (int)BusyTimeout.TotalSeconds;
        }

        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var session = new SqliteSchemaSession(connection);
            await using var pragma = session.CreateCommand($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
        await using var command = CreateCommand("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'OrleansQuery' COLLATE NOCASE");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public override async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> ComputeOrleansQueriesAsync(
        IReadOnlyList<SchemaScript> scripts, CancellationToken cancellationToken)
    {
        // A private in-memory database: the scripts' effect without touching the file.
        await using var scratch = new SqliteConnection("Data Source=:memory:");
        await scratch.OpenAsync(cancellationToken).ConfigureAwait(false);
        var result = new List<IReadOnlyDictionary<string, string>>();
        IReadOnlyDictionary<string, string> before = new Dictionary<string, string>();
        foreach (var script in scripts)
        {
            await using (var run = CreateCommand(scratch, script.Text))
            {
                await run.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var read = CreateCommand(scratch, "SELECT QueryKey, QueryText FROM OrleansQuery");
            var after = await ReadQueryRowsAsync(read, cancellationToken).ConfigureAwait(false);
            result.Add(NewRows(before, after));
            before = after;
        }

        return result;
    }

    public override ValueTask DisposeAsync() => Connection.DisposeAsync();
}
