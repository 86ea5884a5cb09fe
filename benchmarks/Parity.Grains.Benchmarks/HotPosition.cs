using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using Parity.Runtime.Testing;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// One hot inventory position in an in-process single-silo cluster on the memory store (optionally with
/// injected append latency): the flash-sale shape of issue 4. Reservations of 1 unit each; once stock runs out,
/// every further request is a rejection, which is still a decision journaled and answered.
/// </summary>
internal sealed class HotPosition : IAsyncDisposable
{
    private const string Web = "web";
    private readonly TestCluster _cluster;
    private long _nextRequest;

    private HotPosition(TestCluster cluster, PositionKey key, IInventoryPositionGrain grain)
    {
        _cluster = cluster;
        Key = key;
        Grain = grain;
    }

    public PositionKey Key { get; }

    public IInventoryPositionGrain Grain { get; }

    public FaultInjectingStats Storage => new(_cluster.Storage.AppendCalls, _cluster.Storage.AppendedEvents);

    public static async Task<HotPosition> StartAsync(int stock, TimeSpan appendLatency)
    {
        var cluster = await TestCluster.StartAsync(1, o =>
        {
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
        return new HotPosition(cluster, key, grain);
    }

    /// <summary>One reservation of one unit with a fresh request id.</summary>
    public Task<ReservationOutcome> ReserveOneAsync()
    {
        var id = Interlocked.Increment(ref _nextRequest);
        var requestId = "req-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Grain.ReserveAsync(new ReserveRequest(requestId, Web, "web:" + requestId, ReservationKind.Order, [new ReserveLine(Key.Sku, Key.LocationId, 1)]));
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}

/// <summary>Appends and events that reached the journal wrapper.</summary>
internal readonly record struct FaultInjectingStats(long Appends, long Events);
