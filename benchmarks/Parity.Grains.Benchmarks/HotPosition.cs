using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using Parity.Runtime.Storage;
using Parity.Runtime.Storage.AdoNet;
using Parity.Runtime.Testing;
using Parity.TestInfrastructure;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// One hot inventory position in an in-process single-silo cluster on the memory store (optionally with
/// injected append latency) or on PostgreSQL (a throwaway server with durable commits, or <c>PARITY_TEST_POSTGRES</c>):
/// the flash-sale shape. Reservations of 1 unit each; once stock runs out,
/// every further request is a rejection, which is still a decision journaled and answered.
/// </summary>
internal sealed class HotPosition : IAsyncDisposable
{
    private const string Web = "web";
    private readonly TestCluster _cluster;
    private readonly IAsyncDisposable? _store;
    private long _nextRequest;

    private HotPosition(TestCluster cluster, IAsyncDisposable? store, PositionKey key, IInventoryPositionGrain grain)
    {
        _cluster = cluster;
        _store = store;
        Key = key;
        Grain = grain;
    }

    public PositionKey Key { get; }

    public IInventoryPositionGrain Grain { get; }

    public FaultInjectingStats Storage => new(_cluster.Storage.AppendCalls, _cluster.Storage.AppendedEvents);

    public static async Task<HotPosition> StartAsync(int stock, TimeSpan appendLatency, bool postgres)
    {
        PostgresStore? store = postgres ? await PostgresStore.StartAsync() : null;
        var cluster = await TestCluster.StartAsync(1, o =>
        {
            o.JournalStorage = store?.Journal;
            o.GrainAssemblies.Add(typeof(InventoryPositionGrain).Assembly);
            o.ConfigureOptions = s => s.MailboxBound = 100_000;
        });
        var key = new PositionKey("HOT-SKU", "DC-1");
        var policy = new ChannelPolicy
        {
            SafetyStock = 10,
            Channels = new Dictionary<string, ChannelRule>
            {
                ["store"] = new(0),
                [Web] = new(1),
                ["marketplace"] = new(2, ChannelCap.FractionOfSellable(0.3m)),
            },
        };
        await cluster.GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).SetForPositionAsync(key, policy);
        var grain = cluster.GrainFactory.GetGrain<IInventoryPositionGrain>(key.ToString());
        await grain.ReceiveAsync("stock", stock, "PO-1");
        cluster.Storage.AppendLatency = appendLatency;
        return new HotPosition(cluster, store, key, grain);
    }

    /// <summary>One reservation of one unit with a fresh request id.</summary>
    public Task<ReservationOutcome> ReserveOneAsync()
    {
        var id = Interlocked.Increment(ref _nextRequest);
        var requestId = "req-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Grain.ReserveAsync(new ReserveRequest(requestId, Web, "web:" + requestId, ReservationKind.Order, [new ReserveLine(Key.Sku, Key.LocationId, 1)]));
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.DisposeAsync();
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}

/// <summary>A PostgreSQL journal (coalescing writer on) in a fresh database of a durable throwaway server.</summary>
internal sealed class PostgresStore : IAsyncDisposable
{
    private readonly PostgresServerFixture _server;
    private readonly AdoNetDatabase _database;

    private PostgresStore(PostgresServerFixture server, AdoNetDatabase database)
    {
        _server = server;
        _database = database;
        _journal = new AdoNetJournalStorage(database);
    }

    private readonly AdoNetJournalStorage _journal;

    public IJournalStorage Journal => _journal;

    public static async Task<PostgresStore> StartAsync()
    {
        var server = new PostgresServerFixture { Durable = true };
        await server.InitializeAsync();
        var connectionString = await server.CreateDatabaseAsync("bench");
        var database = await AdoNetDatabase.OpenAsync(AdoNetStorageOptions.ForPostgreSql(connectionString));
        return new PostgresStore(server, database);
    }

    public async ValueTask DisposeAsync()
    {
        await _journal.DisposeAsync();
        await _database.DisposeAsync();
        await _server.DisposeAsync();
    }
}

/// <summary>Appends and events that reached the journal wrapper.</summary>
internal readonly record struct FaultInjectingStats(long Appends, long Events);
