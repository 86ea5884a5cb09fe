namespace Parity.Runtime.Storage.AdoNet;

/// <summary>
/// The schema scripts embedded from deploy/sql (the csproj links those files, so the shipped file
/// and what the provider applies cannot drift apart).
/// </summary>
internal static class SchemaScripts
{
    public static string Load(SqlDialect dialect) => Load(dialect.SchemaFileName);

    public static string Load(string fileName)
    {
        var name = "Parity.Runtime.Sql." + fileName;
        using var stream = typeof(SchemaScripts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded schema script '{name}' is missing from {typeof(SchemaScripts).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IReadOnlyList<string> Names => typeof(SchemaScripts).Assembly.GetManifestResourceNames()
        .Where(static n => n.StartsWith("Parity.Runtime.Sql.", StringComparison.Ordinal))
        .ToArray();
}
