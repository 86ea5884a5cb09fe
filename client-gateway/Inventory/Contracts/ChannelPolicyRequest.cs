namespace Parity.Gateway.Inventory.Contracts;

/// <summary>A channel policy as an operator sets it (globally, for a location or for one SKU-location).</summary>
/// <param name="ProtectedTier">Tiers at or above this priority (number ≤ it) may consume SafetyStock; default 0.</param>
/// <param name="SafetyStock">Units kept back from lower tiers; default 0.</param>
/// <param name="DefaultCartTtlSeconds">Cart TTL for channels whose rule names none; default 900.</param>
/// <param name="Channels">Rules per channel id; unlisted channels get the lowest priority and no cap.</param>
public sealed record ChannelPolicyRequest(int? ProtectedTier, int? SafetyStock, int? DefaultCartTtlSeconds, IReadOnlyDictionary<string, ChannelRuleRequest?>? Channels);

/// <summary>What the policy says about one channel.</summary>
/// <param name="Tier">Priority tier; 0 is highest.</param>
/// <param name="CapUnits">At most this many units reserved at once; not with <paramref name="CapFraction"/>.</param>
/// <param name="CapFraction">At most this fraction (0 to 1) of OnHand reserved at once; not with <paramref name="CapUnits"/>.</param>
/// <param name="CartTtlSeconds">How long the channel's Cart reservations live.</param>
public sealed record ChannelRuleRequest(int? Tier, int? CapUnits, decimal? CapFraction, int? CartTtlSeconds);
