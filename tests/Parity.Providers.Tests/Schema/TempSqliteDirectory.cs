using Microsoft.Data.Sqlite;

namespace Parity.Providers.Tests.Schema;

/// <summary>A temp directory for SQLite files, deleted (after closing pooled connections) on dispose.</summary>
internal sealed class TempSqliteDirectory : IDisposable
{
    public TempSqliteDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "parity-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string ConnectionString(string fileName) => new SqliteConnectionStringBuilder { DataSource = System.IO.Path.Combine(Path, fileName) }.ConnectionString;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
