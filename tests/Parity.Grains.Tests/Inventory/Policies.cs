using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Tests.Inventory;

/// <summary>The channels of domain.md's example: store tier 0, web tier 1, marketplace tier 2.</summary>
internal static class Policies
{
    public const string Store = "store";
    public const string Web = "web";
    public const string Marketplace = "marketplace";

    public static ChannelPolicy Standard(
        int safetyStock = 0, ChannelCap? marketplaceCap = null, long version = 1, TimeSpan? webCartTtl = null) => new()
    {
        Version = version,
        SafetyStock = safetyStock,
        Channels = new Dictionary<string, ChannelRule>
        {
            [Store] = new(0),
            [Web] = new(1, CartTtl: webCartTtl ?? TimeSpan.FromMinutes(20)),
            [Marketplace] = new(2, marketplaceCap),
        },
    };
}
