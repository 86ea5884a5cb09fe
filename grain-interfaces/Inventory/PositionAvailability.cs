using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// A position's ATS per channel, pushed to the SKU availability grain on every change. Versions grow with
/// the position's ledger, so a push that arrives late is recognised as stale.
/// </summary>
/// <param name="LocationId">The position's location.</param>
/// <param name="Version">The position's ledger version when computed.</param>
/// <param name="AtsByChannel">ATS for each channel the policy names.</param>
/// <param name="UnlistedChannelAts">ATS for any channel the policy does not name.</param>
[GenerateSerializer]
[Alias("parity.inventory.PositionAvailability")]
// Immutable (built fresh, never changed after): Orleans passes it by reference within a silo instead of deep-copying it.
[Immutable]
public sealed record PositionAvailability(
    [property: Id(0)] string LocationId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyDictionary<string, int> AtsByChannel,
    [property: Id(3)] int UnlistedChannelAts)
{
    /// <summary>ATS for <paramref name="channelId"/> at this location.</summary>
    public int AtsFor(string channelId) =>
        AtsByChannel.TryGetValue(channelId, out var ats) ? ats : UnlistedChannelAts;
}
