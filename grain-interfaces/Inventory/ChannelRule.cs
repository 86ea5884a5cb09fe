namespace Parity.GrainInterfaces.Inventory;

/// <summary>What the channel policy says about one channel.</summary>
/// <param name="Tier">Priority tier; 0 is highest (e.g. store 0, web 1, marketplace 2).</param>
/// <param name="Cap">Most the channel may hold reserved at once; null for no cap.</param>
/// <param name="CartTtl">How long the channel's Cart reservations live; null for the policy default.</param>
public sealed record ChannelRule(int Tier, ChannelCap? Cap = null, TimeSpan? CartTtl = null);
