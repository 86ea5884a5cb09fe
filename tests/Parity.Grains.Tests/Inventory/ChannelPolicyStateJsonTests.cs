using System.Text.Json;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using Parity.Providers.Journal;
using static Parity.Grains.Tests.Inventory.Policies;

namespace Parity.Grains.Tests.Inventory;

/// <summary>The policy grain's state survives the journal's JSON (view copies at activation, snapshots) unchanged.</summary>
public sealed class ChannelPolicyStateJsonTests
{
    private static readonly PositionKey Shirt = new("SKU-SHIRT", "STORE-1");
    private static readonly PositionKey Mug = new("SKU-MUG", "DC-1");

    [Fact]
    public void RoundTrip_KeepsEveryLevelTheirVersionsAndTheLastResult_AndKeepsFoldingAlike()
    {
        var live = new ChannelPolicyState();
        ChannelPolicyEvent[] events =
        [
            new GlobalPolicySet(Standard(safetyStock: 1)),
            new LocationPolicySet("DC-1", Standard(marketplaceCap: ChannelCap.Units(3))),
            new PositionPolicySet(Shirt, Standard(safetyStock: 4)),
            new PositionPolicySet(Mug, Standard(safetyStock: 2)),
            new PositionPolicyCleared(Mug),
            new LocationPolicySet("STORE-9", Standard(safetyStock: 9)),
        ];
        foreach (var e in events)
        {
            live.Apply(e);
        }

        var json = JsonSerializer.Serialize(live, ParityJournal.DefaultJsonOptions);
        var restored = JsonSerializer.Deserialize<ChannelPolicyState>(json, ParityJournal.DefaultJsonOptions)!;

        Assert.Equal(json, JsonSerializer.Serialize(restored, ParityJournal.DefaultJsonOptions));
        AssertSame(live, restored);
        Assert.Equal(4, restored.Resolver.Resolve(Shirt).SafetyStock);
        Assert.Equal(3, restored.Resolver.Resolve(Mug).RuleFor(Marketplace).Cap!.MaxUnits);

        // The next stamp continues from the restored last version, as the live state's does.
        foreach (var state in new[] { live, restored })
        {
            state.Apply(new PositionPolicySet(Mug, Standard(safetyStock: 5)));
        }

        AssertSame(live, restored);
        Assert.Equal(5, restored.Resolver.Resolve(Mug).SafetyStock);
    }

    // ChannelPolicy holds its rules in a dictionary, so policies are compared by their JSON.
    private static void AssertSame(ChannelPolicyState expected, ChannelPolicyState actual)
    {
        Assert.Equal(expected.ConfigurationVersion, actual.ConfigurationVersion);
        Assert.Equal(Json(expected.LastStamped), Json(actual.LastStamped));
        Assert.Equal(expected.LastCleared, actual.LastCleared);
        Assert.Equal(expected.Resolver.LastVersion, actual.Resolver.LastVersion);
        Assert.Equal(Json(expected.Resolver.Global), Json(actual.Resolver.Global));
        Assert.Equal(
            expected.Resolver.LocationPolicies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Json(p.Value))),
            actual.Resolver.LocationPolicies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, Json(p.Value))));
        Assert.Equal(
            expected.Resolver.PositionPolicies.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => (p.Key, Json(p.Value))),
            actual.Resolver.PositionPolicies.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal).Select(p => (p.Key, Json(p.Value))));
    }

    private static string Json(ChannelPolicy? policy) => JsonSerializer.Serialize(policy, ParityJournal.DefaultJsonOptions);
}
