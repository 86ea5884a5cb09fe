using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parity.Providers.Tests.Schema;

/// <summary>
/// Runs Orleans' vendored files from disk directly, without the migration: what an operator following Orleans' docs
/// does by hand, and the tests' independent source of the rows those files put in <c>OrleansQuery</c>.
/// </summary>
internal static class HandAppliedScripts
{
    public static async Task ApplyPostgreSqlAsync(string connectionString, IEnumerable<string> files)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var file in files)
        {
            await using var command = new NpgsqlCommand(SchemaTestFiles.ReadOrleans(file), connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public static async Task ApplySqliteAsync(SqliteConnection connection, IEnumerable<string> files)
    {
        foreach (var file in files)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = SchemaTestFiles.ReadOrleans(file);
            await command.ExecuteNonQueryAsync();
        }
    }

    public static async Task<SortedDictionary<string, string>> ReadOrleansQueryAsync(System.Data.Common.DbConnection connection)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryKey, QueryText FROM OrleansQuery";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), reader.GetString(1));
        }

        return rows;
    }

    /// <summary>The ledger's rows: script to (sha256, outcome, applied_at as text).</summary>
    public static async Task<SortedDictionary<string, (string Sha256, string Outcome, string AppliedAt)>> ReadLedgerAsync(System.Data.Common.DbConnection connection)
    {
        var rows = new SortedDictionary<string, (string, string, string)>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT script, sha256, outcome, CAST(applied_at AS TEXT) FROM parity_schema_migration";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), (reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }
}
