using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>The channel policy configuration at every level, as an operator reads it.</summary>
/// <param name="ConfigurationVersion">Grows with every change at any level.</param>
/// <param name="Global">The policy of positions with no location or position policy.</param>
/// <param name="Locations">Policies per location id.</param>
/// <param name="Positions">Policies of single SKU-locations.</param>
[GenerateSerializer]
[Alias("parity.inventory.ChannelPolicyConfiguration")]
public sealed record ChannelPolicyConfiguration(
    [property: Id(0)] long ConfigurationVersion,
    [property: Id(1)] ChannelPolicy Global,
    [property: Id(2)] IReadOnlyDictionary<string, ChannelPolicy> Locations,
    [property: Id(3)] IReadOnlyList<PositionPolicy> Positions);

/// <summary>The policy set for one SKU-location.</summary>
/// <param name="Position">The position.</param>
/// <param name="Policy">Its policy.</param>
[GenerateSerializer]
[Alias("parity.inventory.PositionPolicy")]
public sealed record PositionPolicy([property: Id(0)] PositionKey Position, [property: Id(1)] ChannelPolicy Policy);
