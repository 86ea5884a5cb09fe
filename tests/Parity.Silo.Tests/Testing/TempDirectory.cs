using Microsoft.Data.Sqlite;

namespace Parity.Silo.Tests.Testing;

/// <summary>A fresh directory under the system's temp directory, deleted (with its SQLite files) at the end.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("parity-silo-tests-").FullName;

    /// <summary>The default database file of a silo whose data directory this is.</summary>
    public string DatabaseFile => System.IO.Path.Combine(Path, "parity.db");

    public void Dispose()
    {
        // Microsoft.Data.Sqlite pools connections: release the files before deleting them.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
