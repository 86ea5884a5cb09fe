using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;

namespace Parity.Grains.Tests.Inventory;

public sealed class ChannelPolicyResolverTests
{
    private static readonly PositionKey Position = new("SKU-1", "STORE-1");

    [Fact]
    public void Resolve_MostSpecificLevelWins()
    {
        var resolver = new ChannelPolicyResolver(new ChannelPolicy { SafetyStock = 1 });
        Assert.Equal(1, resolver.Resolve(Position).SafetyStock);

        resolver.SetForLocation("STORE-1", new ChannelPolicy { SafetyStock = 2 });
        Assert.Equal(2, resolver.Resolve(Position).SafetyStock);
        Assert.Equal(1, resolver.Resolve(new PositionKey("SKU-1", "STORE-2")).SafetyStock);

        resolver.SetForPosition(Position, new ChannelPolicy { SafetyStock = 3 });
        Assert.Equal(3, resolver.Resolve(Position).SafetyStock);
        Assert.Equal(2, resolver.Resolve(new PositionKey("SKU-2", "STORE-1")).SafetyStock);

        resolver.ClearPosition(Position);
        Assert.Equal(2, resolver.Resolve(Position).SafetyStock);
    }

    [Fact]
    public void Resolve_LevelsDoNotStack_MoreSpecificPolicyWithoutCapMeansNoCap()
    {
        var resolver = new ChannelPolicyResolver();
        resolver.SetForLocation("STORE-1", new ChannelPolicy
        {
            SafetyStock = 5,
            Channels = new Dictionary<string, ChannelRule> { ["marketplace"] = new(2, ChannelCap.Units(3)) },
        });
        resolver.SetForPosition(Position, new ChannelPolicy
        {
            Channels = new Dictionary<string, ChannelRule> { ["web"] = new(1) },
        });

        var effective = resolver.Resolve(Position);

        Assert.Equal(0, effective.SafetyStock);
        Assert.Null(effective.RuleFor("marketplace").Cap);
        Assert.Equal(ChannelPolicy.UnlistedChannel, effective.RuleFor("marketplace"));
    }

    [Fact]
    public void Set_StampsEachPolicyWithANewVersion()
    {
        var resolver = new ChannelPolicyResolver();
        Assert.Equal(0, resolver.Resolve(Position).Version);

        var global = resolver.SetGlobal(new ChannelPolicy { Version = 99 });
        var location = resolver.SetForLocation("STORE-1", new ChannelPolicy());
        var again = resolver.SetGlobal(new ChannelPolicy());

        Assert.Equal((1L, 2L, 3L), (global.Version, location.Version, again.Version));
        Assert.Equal(2, resolver.Resolve(Position).Version);
    }

    [Fact]
    public void Set_InvalidPolicy_IsRefused()
    {
        var resolver = new ChannelPolicyResolver();

        Assert.Throws<ArgumentException>(() => resolver.SetGlobal(new ChannelPolicy { SafetyStock = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ChannelCap.FractionOfSellable(1.5m));
    }
}
