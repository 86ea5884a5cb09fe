using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>How many units of a SKU a channel can sell, and from where.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="Total">Σ ATS over locations.</param>
/// <param name="Locations">Locations with ATS above zero, largest first.</param>
[GenerateSerializer]
[Alias("parity.inventory.ChannelAvailability")]
public sealed record ChannelAvailability(
    [property: Id(0)] string Sku,
    [property: Id(1)] string ChannelId,
    [property: Id(2)] int Total,
    [property: Id(3)] IReadOnlyList<LocationAts> Locations);

/// <summary>ATS of one channel at one location.</summary>
/// <param name="LocationId">The location.</param>
/// <param name="Ats">Units the channel may reserve there.</param>
[GenerateSerializer]
[Alias("parity.inventory.LocationAts")]
public sealed record LocationAts([property: Id(0)] string LocationId, [property: Id(1)] int Ats);
