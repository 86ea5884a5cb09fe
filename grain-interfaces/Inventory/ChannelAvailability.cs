namespace Parity.GrainInterfaces.Inventory;

/// <summary>How many units of a SKU a channel can sell, and from where.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="ChannelId">The channel.</param>
/// <param name="Total">Σ ATS over locations.</param>
/// <param name="Locations">Locations with ATS above zero, largest first.</param>
public sealed record ChannelAvailability(string Sku, string ChannelId, int Total, IReadOnlyList<LocationAts> Locations);

/// <summary>ATS of one channel at one location.</summary>
/// <param name="LocationId">The location.</param>
/// <param name="Ats">Units the channel may reserve there.</param>
public sealed record LocationAts(string LocationId, int Ats);
