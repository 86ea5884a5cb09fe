using System.Data.Common;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>
/// A connection borrowed for one operation: a pooled PostgreSQL connection (closed on dispose), SQLite's single
/// writer connection (its gate released on dispose), or a SQLite reader.
/// </summary>
internal sealed class ConnectionLease : IAsyncDisposable
{
    private readonly SemaphoreSlim? _gate;
    private readonly bool _ownsConnection;

    public ConnectionLease(DbConnection connection, bool ownsConnection, SemaphoreSlim? gate = null)
    {
        Connection = connection;
        _ownsConnection = ownsConnection;
        _gate = gate;
    }

    public DbConnection Connection { get; }

    public async ValueTask DisposeAsync()
    {
        if (_ownsConnection)
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }

        _gate?.Release();
    }
}
