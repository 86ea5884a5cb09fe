using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>What the channel policy says about one channel.</summary>
/// <param name="Tier">Priority tier; 0 is highest (e.g. store 0, web 1, marketplace 2).</param>
/// <param name="Cap">Most the channel may hold reserved at once; null for no cap.</param>
/// <param name="CartTtl">How long the channel's Cart reservations live; null for the policy default.</param>
[GenerateSerializer]
[Alias("parity.inventory.ChannelRule")]
public sealed record ChannelRule(
    [property: Id(0)] int Tier,
    [property: Id(1)] ChannelCap? Cap = null,
    [property: Id(2)] TimeSpan? CartTtl = null);
