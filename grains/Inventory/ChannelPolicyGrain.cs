using Microsoft.Extensions.Logging;
using Parity.GrainInterfaces.Inventory;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Providers.Journal;

namespace Parity.Grains.Inventory;

/// <summary>
/// Holds the channel policy configuration (global, per location, per SKU-location) as a journal of changes.
/// Guarantees: a policy is stamped with a new version when set; a change is durable before anyone hears of it;
/// every position that asked for its policy during this activation is told when its effective policy may have
/// changed (best effort: positions also re-check <see cref="GetConfigurationVersionAsync"/> periodically, which
/// covers notices lost with a crashed silo or a reactivation of this grain).
/// </summary>
[GrainType("channel-policy")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class ChannelPolicyGrain(ILogger<ChannelPolicyGrain> logger)
    : JournaledGrain<ChannelPolicyState, ChannelPolicyEvent>, IChannelPolicyGrain, IJournalSnapshotPolicy<ChannelPolicyState>
{
    private readonly HashSet<PositionKey> _watchers = [];

    // Configuration changes are few and cheap to replay, and the resolver is not JSON-shaped: no snapshots.
    /// <inheritdoc />
    public int GetSnapshotInterval(ChannelPolicyState confirmedView, int defaultInterval) => int.MaxValue;

    /// <inheritdoc />
    public async Task<ChannelPolicy> SetGlobalAsync(ChannelPolicy policy)
    {
        Validate(policy);
        RaiseEvent(new GlobalPolicySet(policy));
        var stamped = TentativeState.LastStamped!;
        await ConfirmEvents();
        Notify(_watchers.ToList());
        return stamped;
    }

    /// <inheritdoc />
    public async Task<ChannelPolicy> SetForLocationAsync(string locationId, ChannelPolicy policy)
    {
        ArgumentException.ThrowIfNullOrEmpty(locationId);
        Validate(policy);
        RaiseEvent(new LocationPolicySet(locationId, policy));
        var stamped = TentativeState.LastStamped!;
        await ConfirmEvents();
        Notify(_watchers.Where(w => w.LocationId == locationId).ToList());
        return stamped;
    }

    /// <inheritdoc />
    public async Task<ChannelPolicy> SetForPositionAsync(PositionKey position, ChannelPolicy policy)
    {
        Validate(policy);
        RaiseEvent(new PositionPolicySet(position, policy));
        var stamped = TentativeState.LastStamped!;
        await ConfirmEvents();

        // Told even when not watching: activating it to apply the new SafetyStock costs little and is what the operator expects.
        Notify([position]);
        return stamped;
    }

    /// <inheritdoc />
    public async Task<bool> ClearLocationAsync(string locationId)
    {
        if (!TentativeState.Resolver.HasLocationPolicy(locationId))
        {
            return false;
        }

        RaiseEvent(new LocationPolicyCleared(locationId));
        await ConfirmEvents();
        Notify(_watchers.Where(w => w.LocationId == locationId).ToList());
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> ClearPositionAsync(PositionKey position)
    {
        if (!TentativeState.Resolver.HasPositionPolicy(position))
        {
            return false;
        }

        RaiseEvent(new PositionPolicyCleared(position));
        await ConfirmEvents();
        Notify([position]);
        return true;
    }

    /// <inheritdoc />
    public async Task<EffectivePolicy> WatchAsync(PositionKey position)
    {
        await WaitForConfirmationAsync();
        _watchers.Add(position);
        return new EffectivePolicy(TentativeState.ConfigurationVersion, TentativeState.Resolver.Resolve(position));
    }

    /// <inheritdoc />
    public Task UnwatchAsync(PositionKey position)
    {
        _watchers.Remove(position);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<ChannelPolicyConfiguration> GetConfigurationAsync()
    {
        await WaitForConfirmationAsync();
        var resolver = TentativeState.Resolver;
        return new ChannelPolicyConfiguration(
            TentativeState.ConfigurationVersion,
            resolver.Global,
            new SortedDictionary<string, ChannelPolicy>(resolver.LocationPolicies.ToDictionary(), StringComparer.Ordinal),
            resolver.PositionPolicies.Select(p => new PositionPolicy(p.Key, p.Value)).OrderBy(p => p.Position.ToString(), StringComparer.Ordinal).ToList());
    }

    /// <inheritdoc />
    public async Task<EffectivePolicy> GetEffectiveAsync(PositionKey position)
    {
        await WaitForConfirmationAsync();
        return new EffectivePolicy(TentativeState.ConfigurationVersion, TentativeState.Resolver.Resolve(position));
    }

    /// <inheritdoc />
    public Task<long> GetConfigurationVersionAsync() => Task.FromResult((long)Version);

    /// <inheritdoc />
    protected override void TransitionState(ChannelPolicyState state, ChannelPolicyEvent @event) => state.Apply(@event);

    // Reads interleave with a set still being made durable: never show a configuration that may be lost.
    private async Task WaitForConfirmationAsync()
    {
        while (UnconfirmedEvents.Any())
        {
            await ConfirmEvents();
        }
    }

    private static void Validate(ChannelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
    }

    private void Notify(IReadOnlyList<PositionKey> positions)
    {
        if (positions.Count == 0)
        {
            return;
        }

        var version = TentativeState.ConfigurationVersion;
        var notices = new List<(PositionKey Position, EffectivePolicy Policy)>(positions.Count);
        foreach (var position in positions)
        {
            notices.Add((position, new EffectivePolicy(version, TentativeState.Resolver.Resolve(position))));
        }

        _ = SendAsync(notices);
    }

    // Not awaited by the turn: a busy position must not hold up the configuration, and a position applying the
    // notice never calls back into a turn of this grain.
    private async Task SendAsync(List<(PositionKey Position, EffectivePolicy Policy)> notices)
    {
        RequestContext.Clear();
        await Task.WhenAll(notices.Select(async n =>
        {
            try
            {
                await GrainFactory.GetGrain<IInventoryPositionGrain>(n.Position.ToString()).PolicyChangedAsync(n.Policy);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Telling {Position} of policy configuration {Version} failed; it re-checks periodically", n.Position, n.Policy.ConfigurationVersion);
            }
        }));
    }
}
