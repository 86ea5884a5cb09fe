using Microsoft.Data.Sqlite;
using Npgsql;
using Parity.Providers.Journal;

namespace Parity.Providers.Tests.Journal;

/// <summary>Creates the journal tables the way the migration will: by running the embedded deploy/sql/parity scripts.</summary>
internal static class JournalSchema
{
    public static string FileName(ParityJournalStorage storage) => storage switch
    {
        ParityJournalStorage.PostgreSql => "postgresql-journal.sql",
        ParityJournalStorage.Sqlite => "sqlite-journal.sql",
        _ => throw new ArgumentOutOfRangeException(nameof(storage), storage, null),
    };

    public static string EmbeddedScript(ParityJournalStorage storage)
    {
        var name = "Parity.Providers.Sql.parity." + FileName(storage);
        using var stream = typeof(ParityJournal).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The providers assembly embeds no '{name}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task ApplyAsync(ParityJournalStorage storage, string connectionString)
    {
        var script = EmbeddedScript(storage);
        if (storage == ParityJournalStorage.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(script, connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = script;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>The repository root: the nearest ancestor of the test binaries holding Orleans.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Orleans.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Orleans.sln above {AppContext.BaseDirectory}.");
        }
    }
}
