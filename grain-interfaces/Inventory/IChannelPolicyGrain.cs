using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// The channel policy configuration (single key <see cref="GlobalKey"/>): global, per location and per
/// SKU-location; the most specific level that exists wins whole. Every set is stamped with a new policy version.
/// Positions read their effective policy when they activate and are told of changes while active, so a
/// reservation never waits for this grain.
/// </summary>
[Orleans.Alias("parity.inventory.IChannelPolicyGrain")]
public interface IChannelPolicyGrain : IGrainWithStringKey
{
    /// <summary>The key of the one policy grain.</summary>
    public const string GlobalKey = "global";

    /// <summary>Sets the global policy.</summary>
    /// <param name="policy">The policy; its Version is ignored and stamped anew.</param>
    /// <returns>The policy as stamped.</returns>
    /// <exception cref="ArgumentException">A figure is out of range.</exception>
    [Orleans.Alias("SetGlobal")]
    Task<ChannelPolicy> SetGlobalAsync(ChannelPolicy policy);

    /// <summary>Sets the policy of every position at <paramref name="locationId"/> that has none of its own.</summary>
    /// <param name="locationId">The location.</param>
    /// <param name="policy">The policy; its Version is ignored and stamped anew.</param>
    /// <returns>The policy as stamped.</returns>
    [Orleans.Alias("SetForLocation")]
    Task<ChannelPolicy> SetForLocationAsync(string locationId, ChannelPolicy policy);

    /// <summary>Sets the policy of one SKU at one location (this is how a position's SafetyStock is set).</summary>
    /// <param name="position">The position.</param>
    /// <param name="policy">The policy; its Version is ignored and stamped anew.</param>
    /// <returns>The policy as stamped.</returns>
    [Orleans.Alias("SetForPosition")]
    Task<ChannelPolicy> SetForPositionAsync(PositionKey position, ChannelPolicy policy);

    /// <summary>Removes a location's policy; its positions fall back to the global one.</summary>
    /// <param name="locationId">The location.</param>
    /// <returns>False when the location had none.</returns>
    [Orleans.Alias("ClearLocation")]
    Task<bool> ClearLocationAsync(string locationId);

    /// <summary>Removes a position's own policy; it falls back to its location's or the global one.</summary>
    /// <param name="position">The position.</param>
    /// <returns>False when the position had none.</returns>
    [Orleans.Alias("ClearPosition")]
    Task<bool> ClearPositionAsync(PositionKey position);

    /// <summary>The effective policy of <paramref name="position"/>; the position is told of later changes
    /// while this activation lives (positions also re-check the version periodically).</summary>
    /// <param name="position">The asking position.</param>
    [Orleans.Alias("Watch")]
    [AlwaysInterleave]
    Task<EffectivePolicy> WatchAsync(PositionKey position);

    /// <summary>Stops telling <paramref name="position"/> of changes (it deactivated).</summary>
    /// <param name="position">The position.</param>
    [Orleans.Alias("Unwatch")]
    [AlwaysInterleave]
    Task UnwatchAsync(PositionKey position);

    /// <summary>The whole configuration as durably stored: the global policy and every location and position policy.</summary>
    [Orleans.Alias("GetConfiguration")]
    [AlwaysInterleave]
    Task<ChannelPolicyConfiguration> GetConfigurationAsync();

    /// <summary>The effective policy of <paramref name="position"/>, without watching it for changes.</summary>
    /// <param name="position">The position.</param>
    [Orleans.Alias("GetEffective")]
    [AlwaysInterleave]
    Task<EffectivePolicy> GetEffectiveAsync(PositionKey position);

    /// <summary>The configuration version: grows with every change at any level.</summary>
    [Orleans.Alias("GetConfigurationVersion")]
    [AlwaysInterleave]
    Task<long> GetConfigurationVersionAsync();
}
