using System.Text.Json;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using Parity.Grains.Tests.Testing;
using Parity.Providers.Journal;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>The flash sale: many concurrent reservations against one position never oversell.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InventoryPositionConcurrencyTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task Reserve_1000ConcurrentFromThreeTiers_Exactly100Reserved_SafetyStockAndCapHold_JournalAgrees(int appendLatencyMs)
    {
        var cluster = fixture.Cluster;
        var key = NewKey();
        var policy = Standard(safetyStock: 10, marketplaceCap: ChannelCap.Units(30));
        var position = await cluster.NewPositionAsync(key, policy, 100);
        string[] channels = [Store, Web, Marketplace];

        ReservationOutcome[] outcomes;
        cluster.Faults().AppendLatency = TimeSpan.FromMilliseconds(appendLatencyMs);
        try
        {
            outcomes = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i => Task.Run(() =>
                position.ReserveAsync(Request(key, $"r{i}", channels[i % 3], 1 + (i % 7 == 0 ? 1 : 0), i % 2 == 0 ? ReservationKind.Order : ReservationKind.Cart)))));
        }
        finally
        {
            cluster.Faults().AppendLatency = TimeSpan.Zero;
        }

        var accepted = outcomes.Where(o => o.IsAccepted).ToList();
        int Held(string channel) => accepted.Where(o => o.RequestId is var id && channels[int.Parse(id[1..]) % 3] == channel).Sum(o => o.Quantity);
        Assert.Equal(100, accepted.Sum(o => o.Quantity));
        Assert.InRange(Held(Web) + Held(Marketplace), 0, 90);
        Assert.InRange(Held(Marketplace), 0, 30);
        Assert.True(Held(Store) >= 10, "the store, tier 0, keeps access to SafetyStock");

        // Fold the durable journal from scratch: it must be exactly what callers were told.
        var journal = await cluster.Journal().ReadAsync(GrainIdOf(key), 0);
        var folded = new InventoryPositionState(key);
        foreach (var entry in journal)
        {
            folded.Apply(JsonSerializer.Deserialize<InventoryEvent>(entry.Payload, ParityJournal.DefaultJsonOptions)!);
        }

        var stored = folded.Reservations.ToDictionary(r => r.RequestId);
        Assert.Empty(InventoryInvariants.Check(folded, policy));
        Assert.Equal(100, folded.Reserved);
        Assert.All(accepted, o => Assert.Equal(o.ReservationId, stored[o.RequestId].Id));
        Assert.All(outcomes.Where(o => !o.IsAccepted), o => Assert.False(stored.ContainsKey(o.RequestId)));
        Assert.Equal(accepted.Count, stored.Count);
        Assert.Equal(outcomes.Length, folded.RememberedRequests);
        Assert.Equal(folded.ToFigures(), (await position.GetPositionAsync()).Figures);
    }
}
