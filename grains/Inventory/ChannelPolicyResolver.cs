using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// Resolves the effective channel policy of a position: the SKU-location policy if one is set, else the
/// location's, else the global one. The most specific level wins whole — levels never stack, so a
/// SKU-location policy that names no caps means no caps there, whatever the location says. Every policy
/// set is stamped with a new version, so a position can tell that its policy changed and every
/// reservation can record the version it was judged by. Not thread-safe: one owner (a grain) at a time.
/// </summary>
public sealed class ChannelPolicyResolver
{
    private readonly Dictionary<string, ChannelPolicy> _byLocation = new(StringComparer.Ordinal);
    private readonly Dictionary<PositionKey, ChannelPolicy> _byPosition = [];
    private ChannelPolicy _global;
    private long _lastVersion;

    /// <summary>Starts with <paramref name="global"/> (stamped version 1), or the built-in default policy (version 0).</summary>
    public ChannelPolicyResolver(ChannelPolicy? global = null) => _global = global is null ? new ChannelPolicy() : Stamp(global);

    /// <summary>Rebuilds a resolver as it was, versions included (for <see cref="ChannelPolicyStateJsonConverter"/>).</summary>
    internal static ChannelPolicyResolver Restore(
        ChannelPolicy global, long lastVersion, IEnumerable<KeyValuePair<string, ChannelPolicy>> locations, IEnumerable<KeyValuePair<PositionKey, ChannelPolicy>> positions)
    {
        var resolver = new ChannelPolicyResolver { _global = global, _lastVersion = lastVersion };
        foreach (var (location, policy) in locations)
        {
            resolver._byLocation[location] = policy;
        }

        foreach (var (position, policy) in positions)
        {
            resolver._byPosition[position] = policy;
        }

        return resolver;
    }

    /// <summary>The last version stamped.</summary>
    public long LastVersion => _lastVersion;

    /// <summary>The global policy.</summary>
    public ChannelPolicy Global => _global;

    /// <summary>Policies set per location.</summary>
    public IReadOnlyDictionary<string, ChannelPolicy> LocationPolicies => _byLocation;

    /// <summary>Policies set per SKU-location.</summary>
    public IReadOnlyDictionary<PositionKey, ChannelPolicy> PositionPolicies => _byPosition;

    /// <summary>Sets the global policy; returns it as stamped.</summary>
    public ChannelPolicy SetGlobal(ChannelPolicy policy) => _global = Stamp(policy);

    /// <summary>Sets the policy of every position at <paramref name="locationId"/> without its own; returns it as stamped.</summary>
    public ChannelPolicy SetForLocation(string locationId, ChannelPolicy policy) => _byLocation[locationId] = Stamp(policy);

    /// <summary>Sets the policy of one SKU at one location; returns it as stamped.</summary>
    public ChannelPolicy SetForPosition(PositionKey position, ChannelPolicy policy) => _byPosition[position] = Stamp(policy);

    /// <summary>Removes a location's policy; its positions fall back to the global one.</summary>
    public bool ClearLocation(string locationId) => _byLocation.Remove(locationId);

    /// <summary>Removes a position's own policy; it falls back to its location's or the global one.</summary>
    public bool ClearPosition(PositionKey position) => _byPosition.Remove(position);

    /// <summary>Whether <paramref name="locationId"/> has a policy of its own.</summary>
    public bool HasLocationPolicy(string locationId) => _byLocation.ContainsKey(locationId);

    /// <summary>Whether <paramref name="position"/> has a policy of its own.</summary>
    public bool HasPositionPolicy(PositionKey position) => _byPosition.ContainsKey(position);

    /// <summary>The effective policy of <paramref name="position"/>.</summary>
    public ChannelPolicy Resolve(PositionKey position) =>
        _byPosition.TryGetValue(position, out var own) ? own
        : _byLocation.TryGetValue(position.LocationId, out var location) ? location
        : _global;

    private ChannelPolicy Stamp(ChannelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        return policy with { Version = ++_lastVersion };
    }
}
