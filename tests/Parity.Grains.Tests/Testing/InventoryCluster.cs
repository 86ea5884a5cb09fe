using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using Parity.Runtime;
using Parity.Runtime.Testing;

namespace Parity.Grains.Tests.Testing;

/// <summary>Starts in-process clusters hosting the inventory grains and this assembly's test doubles.</summary>
internal static class InventoryCluster
{
    public static Task<TestCluster> StartAsync(int silos = 1, Action<TestClusterOptions>? configure = null) =>
        TestCluster.StartAsync(silos, o =>
        {
            o.GrainAssemblies.Add(typeof(InventoryPositionGrain).Assembly);
            o.GrainAssemblies.Add(typeof(InventoryCluster).Assembly);
            configure?.Invoke(o);
        });

    /// <summary>A fresh position key (unique SKU) at <paramref name="location"/>.</summary>
    public static PositionKey NewKey(string location = "STORE-1") => new($"SKU-{Guid.NewGuid():N}", location);

    public static GrainId GrainIdOf(PositionKey key) => new("inventory-position", key.ToString());

    /// <summary>Gives the position its own policy, then receives <paramref name="onHand"/> units.</summary>
    public static async Task<IInventoryPositionGrain> NewPositionAsync(
        this TestCluster cluster, PositionKey key, ChannelPolicy policy, int onHand)
    {
        await cluster.GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).SetForPositionAsync(key, policy);
        var position = cluster.GrainFactory.GetGrain<IInventoryPositionGrain>(key.ToString());
        if (onHand > 0)
        {
            await position.ReceiveAsync("initial-receipt", onHand, "PO-0");
        }

        return position;
    }

    public static ReserveRequest Request(PositionKey key, string requestId, string channel, int quantity, ReservationKind kind = ReservationKind.Order, string? owner = null) =>
        new(requestId, channel, owner ?? $"{channel}:{requestId}", kind, [new ReserveLine(key.Sku, key.LocationId, quantity)]);

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time{(because is null ? "" : ": " + because)}.");
            }

            await Task.Delay(10);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, because);

    /// <summary>Waits until every silo has collected every activation (the cluster must use a short CollectionAge).</summary>
    public static Task WaitForNoActivationsAsync(this TestCluster cluster, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => cluster.Silos.Sum(s => s.ActivationCount) == 0, timeout, "every idle activation is collected");

    /// <summary>Idle activations are collected within a few hundred milliseconds.</summary>
    public static void CollectQuickly(TestClusterOptions options, Action<Runtime.Hosting.SiloOptions>? more = null) =>
        options.ConfigureOptions = s =>
        {
            s.CollectionAge = TimeSpan.FromMilliseconds(300);
            s.CollectionQuantum = TimeSpan.FromMilliseconds(100);
            more?.Invoke(s);
        };

}
