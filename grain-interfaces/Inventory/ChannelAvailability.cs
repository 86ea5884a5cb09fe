using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>How many units of a SKU a channel can sell, and from where.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="Total">Σ ATS over the locations the channel is sourced from (<paramref name="SourcedFrom"/>): what
/// the channel's orders can be allocated; over every location when no sourcing rule names a location for it.</param>
/// <param name="Locations">Every location where the channel's ATS is above zero, largest first, whether or not its
/// orders are sourced there.</param>
/// <param name="SourcedFrom">The locations the channel's orders are sourced from (its list in the order sourcing rules,
/// else their default list), most preferred first; null when neither names a location, and then
/// <paramref name="Total"/> counts every location.</param>
[GenerateSerializer]
[Alias("parity.inventory.ChannelAvailability")]
public sealed record ChannelAvailability(
    [property: Id(0)] string Sku,
    [property: Id(1)] string ChannelId,
    [property: Id(2)] int Total,
    [property: Id(3)] IReadOnlyList<LocationAts> Locations,
    [property: Id(4)] IReadOnlyList<string>? SourcedFrom = null);

/// <summary>ATS of one channel at one location.</summary>
/// <param name="LocationId">The location.</param>
/// <param name="Ats">Units the channel may reserve there.</param>
[GenerateSerializer]
[Alias("parity.inventory.LocationAts")]
public sealed record LocationAts([property: Id(0)] string LocationId, [property: Id(1)] int Ats);
