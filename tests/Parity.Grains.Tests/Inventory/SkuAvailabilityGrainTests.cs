using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Tests.Testing;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>"How many can channel c sell, and where", fed by the positions' pushes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SkuAvailabilityGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task TwoLocations_PushAfterChanges_AnswerPerChannelWithBreakdown_StalePushIgnored()
    {
        var cluster = fixture.Cluster;
        var store = NewKey("STORE-1");
        var dc = store with { LocationId = "DC-1" };
        var atStore = await cluster.NewPositionAsync(store, Standard(safetyStock: 2), 10);
        await cluster.NewPositionAsync(dc, Standard(marketplaceCap: ChannelCap.Units(1)), 4);
        var availability = cluster.GrainFactory.GetGrain<ISkuAvailabilityGrain>(store.Sku);

        await WaitForAsync(availability, Web, 12, [new("STORE-1", 8), new("DC-1", 4)]);
        Assert.Equal(14, (await availability.GetAsync(Store)).Total);
        Assert.Equal([new LocationAts("STORE-1", 8), new LocationAts("DC-1", 1)], (await availability.GetAsync(Marketplace)).Locations);

        await atStore.ReserveAsync(Request(store, "w1", Web, 7));
        await WaitForAsync(availability, Web, 5, [new("DC-1", 4), new("STORE-1", 1)]);

        var stale = new PositionAvailability("STORE-1", 1, new Dictionary<string, int> { [Web] = 999 }, 999);
        Assert.False(await availability.UpdateAsync(stale));
        Assert.Equal(5, (await availability.GetAsync(Web)).Total);
    }

    [Fact]
    public async Task AvailabilityGrain_AfterReactivation_AsksItsLocationsToPushAgain()
    {
        var cluster = fixture.Cluster;
        var key = NewKey("STORE-3");
        var position = await cluster.NewPositionAsync(key, Standard(), 6);
        var availability = cluster.GrainFactory.GetGrain<ISkuAvailabilityGrain>(key.Sku);
        await WaitForAsync(availability, Web, 6, [new("STORE-3", 6)]);

        await cluster.DeactivateAsync(availability, position);

        await WaitForAsync(availability, Web, 6, [new("STORE-3", 6)]);
    }

    private static async Task WaitForAsync(ISkuAvailabilityGrain availability, string channel, int total, LocationAts[] locations)
    {
        ChannelAvailability? last = null;
        try
        {
            await WaitUntilAsync(async () =>
            {
                last = await availability.GetAsync(channel);
                return last.Total == total && last.Locations.SequenceEqual(locations);
            });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Expected {channel}: {total} at [{string.Join(", ", locations.Select(l => l))}], last seen {last?.Total} at [{string.Join(", ", last?.Locations ?? [])}]");
        }
    }
}
