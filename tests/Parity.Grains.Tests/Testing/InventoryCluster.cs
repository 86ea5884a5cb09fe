using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Placement;
using Orleans.Runtime;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Inventory;
using Parity.Providers.Journal;

namespace Parity.Grains.Tests.Testing;

/// <summary>What the inventory tests do with a cluster: new positions, requests, the journal, deactivation, waiting.</summary>
internal static class InventoryCluster
{
    /// <summary>A fresh position key (unique SKU) at <paramref name="location"/>.</summary>
    public static PositionKey NewKey(string location = "STORE-1") => new($"SKU-{Guid.NewGuid():N}", location);

    /// <summary>The position's Orleans grain id, which is also its journal's key.</summary>
    public static GrainId GrainIdOf(PositionKey key) => GrainId.Create("inventory-position", key.ToString());

    /// <summary>Gives the position its own policy, then receives <paramref name="onHand"/> units.</summary>
    public static async Task<IInventoryPositionGrain> NewPositionAsync(
        this IGrainFactory grains, PositionKey key, ChannelPolicy policy, int onHand)
    {
        await grains.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).SetForPositionAsync(key, policy);
        var position = grains.GetGrain<IInventoryPositionGrain>(key.ToString());
        if (onHand > 0)
        {
            await position.ReceiveAsync("initial-receipt", onHand, "PO-0");
        }

        return position;
    }

    /// <inheritdoc cref="NewPositionAsync(IGrainFactory, PositionKey, ChannelPolicy, int)"/>
    public static Task<IInventoryPositionGrain> NewPositionAsync(this TestCluster cluster, PositionKey key, ChannelPolicy policy, int onHand) =>
        cluster.GrainFactory.NewPositionAsync(key, policy, onHand);

    public static ReserveRequest Request(PositionKey key, string requestId, string channel, int quantity, ReservationKind kind = ReservationKind.Order, string? owner = null) =>
        new(requestId, channel, owner ?? $"{channel}:{requestId}", kind, [new ReserveLine(key.Sku, key.LocationId, quantity)]);

    /// <summary>The fault-injecting journal storage of the primary silo (for silos that turn <c>InjectFaults</c> on).</summary>
    public static FaultInjectingJournalStorage Faults(this TestCluster cluster) =>
        cluster.JournalStorage() as FaultInjectingJournalStorage
            ?? throw new InvalidOperationException("The silos of this cluster do not inject journal faults.");

    /// <summary>What is really stored: the primary silo's journal storage, behind the fault injection if any.</summary>
    public static IJournalStorage Journal(this TestCluster cluster) =>
        cluster.JournalStorage() is FaultInjectingJournalStorage faults ? faults.Inner : cluster.JournalStorage();

    private static IJournalStorage JournalStorage(this TestCluster cluster) =>
        (cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The cluster has no in-process primary silo."))
            .SiloHost.Services.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

    /// <summary>Deactivates <paramref name="grains"/> and waits until each is gone, so the next call loads it from storage.</summary>
    public static async Task DeactivateAsync(this TestCluster cluster, params IAddressable[] grains)
    {
        foreach (var grain in grains)
        {
            await cluster.DeactivateAsync(grain);
        }
    }

    /// <summary>Makes <paramref name="call"/>, asking Orleans to place any grain it activates on <paramref name="silo"/>.</summary>
    public static async Task<T> ActivatingOnAsync<T>(SiloHandle silo, Func<Task<T>> call)
    {
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    /// <summary>The address of the silo holding <paramref name="grain"/>'s activation, or null when it is not active.</summary>
    public static SiloAddress? SiloOf(this TestCluster cluster, IAddressable grain) =>
        cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context.Address.SiloAddress : null;

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Condition not met in time{(because is null ? "" : ": " + because)}.");
            }

            await Task.Delay(10);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, because);
}
