namespace Parity.GrainInterfaces.Inventory;

/// <summary>The channel policy configuration at every level, as an operator reads it.</summary>
/// <param name="ConfigurationVersion">Grows with every change at any level.</param>
/// <param name="Global">The policy of positions with no location or position policy.</param>
/// <param name="Locations">Policies per location id.</param>
/// <param name="Positions">Policies of single SKU-locations.</param>
public sealed record ChannelPolicyConfiguration(
    long ConfigurationVersion,
    ChannelPolicy Global,
    IReadOnlyDictionary<string, ChannelPolicy> Locations,
    IReadOnlyList<PositionPolicy> Positions);

/// <summary>The policy set for one SKU-location.</summary>
/// <param name="Position">The position.</param>
/// <param name="Policy">Its policy.</param>
public sealed record PositionPolicy(PositionKey Position, ChannelPolicy Policy);
