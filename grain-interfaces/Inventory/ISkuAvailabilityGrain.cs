using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// A SKU's ATS per channel at every location (key: the SKU), fed by its positions' pushes, so that "how many
/// can channel c sell, and where" is answered from memory with no fan-out at query time. Pushes may be lost or
/// reordered: each carries its position's ledger version and an older one is ignored; positions push again
/// when they activate and when this grain asks after its own activation.
/// </summary>
[Orleans.Alias("parity.inventory.ISkuAvailabilityGrain")]
public interface ISkuAvailabilityGrain : IGrainWithStringKey
{
    /// <summary>Takes a position's figures.</summary>
    /// <param name="push">ATS per channel at one location, with the position's version.</param>
    /// <returns>False when the push was stale (a newer one is held) and ignored.</returns>
    [Orleans.Alias("Update")]
    Task<bool> UpdateAsync(PositionAvailability push);

    /// <summary>How many units <paramref name="channelId"/> can sell in total, and where (largest ATS first).</summary>
    /// <param name="channelId">The channel.</param>
    [Orleans.Alias("Get")]
    [AlwaysInterleave]
    Task<ChannelAvailability> GetAsync(string channelId);
}
