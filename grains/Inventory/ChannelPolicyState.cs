using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// The policy grain's state: a <see cref="ChannelPolicyResolver"/> folded from the configuration changes.
/// Stamping is sequential, so replaying the same changes stamps the same versions. Written to JSON by
/// <see cref="ChannelPolicyStateJsonConverter"/>: the journal copies views and reloads snapshots through JSON.
/// </summary>
[JsonConverter(typeof(ChannelPolicyStateJsonConverter))]
public sealed class ChannelPolicyState
{
    /// <summary>An empty configuration.</summary>
    public ChannelPolicyState()
        : this(new ChannelPolicyResolver(), 0, null, false)
    {
    }

    internal ChannelPolicyState(ChannelPolicyResolver resolver, long configurationVersion, ChannelPolicy? lastStamped, bool lastCleared)
    {
        Resolver = resolver;
        ConfigurationVersion = configurationVersion;
        LastStamped = lastStamped;
        LastCleared = lastCleared;
    }

    /// <summary>The resolver holding the configuration.</summary>
    public ChannelPolicyResolver Resolver { get; }

    /// <summary>Changes folded; grows with every change at any level, removals included.</summary>
    public long ConfigurationVersion { get; private set; }

    /// <summary>Result of the last fold: the policy stamped, or whether a removal removed something.</summary>
    public ChannelPolicy? LastStamped { get; private set; }

    /// <summary>Whether the last removal found something to remove.</summary>
    public bool LastCleared { get; private set; }

    /// <summary>Folds one change.</summary>
    public void Apply(ChannelPolicyEvent e)
    {
        switch (e)
        {
            case GlobalPolicySet g:
                LastStamped = Resolver.SetGlobal(g.Policy);
                break;
            case LocationPolicySet l:
                LastStamped = Resolver.SetForLocation(l.LocationId, l.Policy);
                break;
            case PositionPolicySet p:
                LastStamped = Resolver.SetForPosition(p.Position, p.Policy);
                break;
            case LocationPolicyCleared lc:
                LastCleared = Resolver.ClearLocation(lc.LocationId);
                break;
            case PositionPolicyCleared pc:
                LastCleared = Resolver.ClearPosition(pc.Position);
                break;
            default:
                throw new InvalidOperationException($"Unknown policy event {e.GetType().Name}.");
        }

        ConfigurationVersion++;
    }
}
