using System.Reflection;

namespace Parity.Providers.Schema;

/// <summary>
/// The scripts of a dialect in the order they must run: Orleans' vendored scripts in their required order (Main
/// creates <c>OrleansQuery</c>, which the others fill), then every embedded <c>deploy/sql/parity/&lt;dialect&gt;-*.sql</c>
/// in ordinal name order, so a new Parity script is picked up by dropping the file in that folder.
/// </summary>
internal static class SchemaScriptCatalog
{
    internal const string OrleansResourcePrefix = "Parity.Providers.Sql.orleans.";
    internal const string ParityResourcePrefix = "Parity.Providers.Sql.parity.";

    private static readonly string[] PostgreSqlOrleansScripts =
        ["PostgreSQL-Main.sql", "PostgreSQL-Clustering.sql", "PostgreSQL-Persistence.sql", "PostgreSQL-Reminders.sql"];

    private static readonly string[] SqliteOrleansScripts = ["Sqlite-Main.sql", "Sqlite-Persistence.sql"];

    /// <summary>Ledger name prefix of Orleans' scripts.</summary>
    internal const string OrleansNamePrefix = "orleans/";

    /// <summary>Ledger name prefix of Parity's scripts.</summary>
    internal const string ParityNamePrefix = "parity/";

    internal static IReadOnlyList<SchemaScript> ForDialect(SchemaDialect dialect) => ForDialect(dialect, typeof(SchemaScriptCatalog).Assembly);

    internal static IReadOnlyList<SchemaScript> ForDialect(SchemaDialect dialect, Assembly assembly)
    {
        var scripts = new List<SchemaScript>();
        foreach (var file in OrleansFiles(dialect))
        {
            scripts.Add(new SchemaScript(OrleansNamePrefix + file, SchemaScriptOrigin.Orleans, ReadResource(assembly, OrleansResourcePrefix + file)));
        }

        var parityPrefix = ParityResourcePrefix + ParityFilePrefix(dialect);
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(r => r.StartsWith(parityPrefix, StringComparison.Ordinal) && r.EndsWith(".sql", StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            scripts.Add(new SchemaScript(ParityNamePrefix + resource[ParityResourcePrefix.Length..], SchemaScriptOrigin.Parity, ReadResource(assembly, resource)));
        }

        return scripts;
    }

    internal static IReadOnlyList<string> OrleansFiles(SchemaDialect dialect) => dialect switch
    {
        SchemaDialect.PostgreSql => PostgreSqlOrleansScripts,
        SchemaDialect.Sqlite => SqliteOrleansScripts,
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown schema dialect."),
    };

    /// <summary>File name prefix of Parity's scripts for a dialect: <c>postgresql-</c> or <c>sqlite-</c>.</summary>
    internal static string ParityFilePrefix(SchemaDialect dialect) => dialect switch
    {
        SchemaDialect.PostgreSql => "postgresql-",
        SchemaDialect.Sqlite => "sqlite-",
        _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown schema dialect."),
    };

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The SQL script resource '{name}' is not embedded in {assembly.GetName().Name}; the project embeds deploy/sql/orleans/*.sql and deploy/sql/parity/*.sql.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
