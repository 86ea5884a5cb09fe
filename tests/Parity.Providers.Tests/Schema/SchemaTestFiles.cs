using System.Security.Cryptography;

namespace Parity.Providers.Tests.Schema;

/// <summary>The SQL files as they are in the repository, read from disk: the tests' independent view of what is shipped.</summary>
internal static class SchemaTestFiles
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string OrleansDirectory => Path.Combine(RepositoryRoot, "deploy", "sql", "orleans");

    public static string ParityDirectory => Path.Combine(RepositoryRoot, "deploy", "sql", "parity");

    public static string[] PostgreSqlOrleansFiles => ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql"];

    public static string[] SqliteOrleansFiles => ["Sqlite-Main.sql", "Sqlite-Persistence.sql"];

    public static string ReadOrleans(string file) => File.ReadAllText(Path.Combine(OrleansDirectory, file));

    public static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Parity's scripts for a dialect prefix (<c>postgresql-</c>, <c>sqlite-</c>) on disk, in ordinal name order.</summary>
    public static IReadOnlyList<string> ParityFiles(string prefix) =>
        Directory.Exists(ParityDirectory)
            ? Directory.GetFiles(ParityDirectory, prefix + "*.sql").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Orleans.sln")) && Directory.Exists(Path.Combine(directory.FullName, "deploy", "sql", "orleans")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (Orleans.sln beside deploy/sql/orleans) above {AppContext.BaseDirectory}.");
    }
}
