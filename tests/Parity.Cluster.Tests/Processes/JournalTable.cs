using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Parity.Cluster.Tests.Processes;

/// <summary>One row of <c>parity_journal</c> as a test reads it.</summary>
internal sealed record JournalRow(string GrainKey, long Sequence, string EventType, string? SourceEventId);

/// <summary>
/// Reads <c>parity_journal</c> straight from the database the silos write, PostgreSQL or a SQLite file: the journal is
/// the truth about what the cluster acknowledged, whatever the silos now say.
/// </summary>
internal static class JournalTable
{
    /// <summary>Every event of grain type <paramref name="grainType"/>, by key and sequence.</summary>
    public static async Task<List<JournalRow>> ReadPostgresAsync(string connectionString, string grainType)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await ReadAsync(connection, grainType);
    }

    /// <summary>Every event of grain type <paramref name="grainType"/> in the SQLite file, by key and sequence.</summary>
    public static async Task<List<JournalRow>> ReadSqliteAsync(string databaseFile, string grainType)
    {
        // Read-only beside the running silo: SQLite's write-ahead log lets a reader in while the silo writes.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return await ReadAsync(connection, grainType);
    }

    private static async Task<List<JournalRow>> ReadAsync(DbConnection connection, string grainType)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key, sequence, event_type, source_event_id FROM parity_journal WHERE grain_type = @type ORDER BY grain_key, sequence";
        var type = command.CreateParameter();
        type.ParameterName = "@type";
        type.Value = grainType;
        command.Parameters.Add(type);
        var rows = new List<JournalRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new JournalRow(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }
}
