using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// How a position shares its stock between channels: tiers, the protected tier that may consume
/// SafetyStock, caps and Cart TTLs. Configured globally, per location and per SKU-location; the most
/// specific level that exists wins whole (no stacking of levels). Every reservation records the
/// <see cref="Version"/> it was judged by.
/// </summary>
[GenerateSerializer]
[Alias("parity.inventory.ChannelPolicy")]
public sealed record ChannelPolicy
{
    /// <summary>The rule for channels the policy does not name: lowest priority, no cap, default TTL.</summary>
    public static readonly ChannelRule UnlistedChannel = new(int.MaxValue);

    /// <summary>Version stamped when the policy was configured; see <c>ChannelPolicyResolver</c>.</summary>
    /// <value>The default value is 0, the built-in policy.</value>
    [Id(0)]
    public long Version { get; init; }

    /// <summary>Tiers at or above this priority (number ≤ it) may consume SafetyStock.</summary>
    /// <value>The default value is 0.</value>
    [Id(1)]
    public int ProtectedTier { get; init; }

    /// <summary>Units kept back from channels of tiers below the protected tier.</summary>
    /// <value>The default value is 0.</value>
    [Id(2)]
    public int SafetyStock { get; init; }

    /// <summary>Cart TTL for channels whose rule names none.</summary>
    /// <value>The default value is 15 minutes.</value>
    [Id(3)]
    public TimeSpan DefaultCartTtl { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Rules per channel id.</summary>
    /// <value>The default value is no rules: every channel is unlisted.</value>
    [Id(4)]
    public IReadOnlyDictionary<string, ChannelRule> Channels { get; init; } = new Dictionary<string, ChannelRule>();

    /// <summary>The rule for <paramref name="channelId"/>, or <see cref="UnlistedChannel"/>.</summary>
    public ChannelRule RuleFor(string channelId) =>
        Channels.TryGetValue(channelId, out var rule) ? rule : UnlistedChannel;

    /// <summary>Priority tier of <paramref name="channelId"/>.</summary>
    public int TierOf(string channelId) => RuleFor(channelId).Tier;

    /// <summary>Whether <paramref name="channelId"/> must leave SafetyStock alone.</summary>
    public bool IsSafetyStockExcluded(string channelId) => TierOf(channelId) > ProtectedTier;

    /// <summary>Cart TTL of <paramref name="channelId"/>.</summary>
    public TimeSpan CartTtlOf(string channelId) => RuleFor(channelId).CartTtl ?? DefaultCartTtl;

    /// <summary>Throws <see cref="ArgumentException"/> if a figure is out of range.</summary>
    public void Validate()
    {
        if (ProtectedTier < 0 || ProtectedTier > Limits.MaxTier || SafetyStock < 0 || DefaultCartTtl <= TimeSpan.Zero)
        {
            throw new ArgumentException($"ProtectedTier must be 0 to {Limits.MaxTier}, SafetyStock ≥ 0 and DefaultCartTtl positive.");
        }

        foreach (var (channel, rule) in Channels)
        {
            if (!ChannelIds.IsValid(channel))
            {
                throw new ArgumentException($"Channel '{channel}': a channel id must be {ChannelIds.Rule}.");
            }

            if (rule.Tier < 0 || rule.Tier > Limits.MaxTier || (rule.CartTtl is { } ttl && ttl <= TimeSpan.Zero))
            {
                throw new ArgumentException($"Channel '{channel}': tier must be 0 to {Limits.MaxTier} and CartTtl positive.");
            }
        }
    }
}
