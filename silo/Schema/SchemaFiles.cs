namespace Parity.Silo.Schema;

/// <summary>What must exist on disk before a SQLite schema can be applied.</summary>
internal static class SchemaFiles
{
    /// <summary>Creates the directory of the SQLite file (the data directory, by default); nothing for other storage.</summary>
    public static void PrepareDirectory(SiloSettings settings)
    {
        if (settings.Storage != StorageProvider.Sqlite)
        {
            return;
        }

        var file = SiloSettings.SqliteDataSource(settings.ConnectionString);
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
    }
}
