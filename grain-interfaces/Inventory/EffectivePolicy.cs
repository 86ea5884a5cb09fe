using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>The channel policy in force for one position, with the configuration version it was resolved at.</summary>
/// <param name="ConfigurationVersion">Grows with every change of the policy configuration at any level, including
/// removals; a position applies a notice only when this is newer than what it holds.</param>
/// <param name="Policy">The most specific policy configured for the position (stamped with its own version).</param>
[GenerateSerializer]
[Alias("parity.inventory.EffectivePolicy")]
public sealed record EffectivePolicy(
    [property: Id(0)] long ConfigurationVersion,
    [property: Id(1)] ChannelPolicy Policy);
