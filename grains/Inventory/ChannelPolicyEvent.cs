using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>One change of the channel policy configuration, as journaled by the policy grain.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(GlobalPolicySet), "global-set")]
[JsonDerivedType(typeof(LocationPolicySet), "location-set")]
[JsonDerivedType(typeof(PositionPolicySet), "position-set")]
[JsonDerivedType(typeof(LocationPolicyCleared), "location-cleared")]
[JsonDerivedType(typeof(PositionPolicyCleared), "position-cleared")]
public abstract record ChannelPolicyEvent;

/// <summary>The global policy was set.</summary>
/// <param name="Policy">The policy as given (its version is stamped on fold).</param>
public sealed record GlobalPolicySet(ChannelPolicy Policy) : ChannelPolicyEvent;

/// <summary>A location's policy was set.</summary>
/// <param name="LocationId">The location.</param>
/// <param name="Policy">The policy as given.</param>
public sealed record LocationPolicySet(string LocationId, ChannelPolicy Policy) : ChannelPolicyEvent;

/// <summary>A SKU-location's policy was set.</summary>
/// <param name="Position">The position.</param>
/// <param name="Policy">The policy as given.</param>
public sealed record PositionPolicySet(PositionKey Position, ChannelPolicy Policy) : ChannelPolicyEvent;

/// <summary>A location's policy was removed.</summary>
/// <param name="LocationId">The location.</param>
public sealed record LocationPolicyCleared(string LocationId) : ChannelPolicyEvent;

/// <summary>A SKU-location's policy was removed.</summary>
/// <param name="Position">The position.</param>
public sealed record PositionPolicyCleared(PositionKey Position) : ChannelPolicyEvent;
