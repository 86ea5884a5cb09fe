using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Orders;


namespace Parity.Grains.Inventory;

/// <summary>
/// A SKU's ATS per channel at every location, from its positions' pushes (<see cref="SkuAvailability"/>), so
/// storefront and sourcing queries are answered from memory with no fan-out. The figures themselves are not
/// stored: the positions are the truth, and when this grain activates it asks every location that ever pushed
/// to push again. Stale pushes (lower position version) are ignored. Queries interleave with pushes. A channel's
/// total counts only the locations its orders are sourced from (<see cref="SourcingRules.LocationsFor"/>), the same
/// list the order grain allocates from, so what a storefront offers is what an order can get.
/// </summary>
[GrainType("sku-availability")]
public sealed class SkuAvailabilityGrain : Grain, ISkuAvailabilityGrain
{
    private readonly IPersistentState<SkuAvailabilityLocations> _locations;
    private readonly ILogger<SkuAvailabilityGrain> _logger;
    private readonly IOptionsMonitor<OrderOptions>? _orders;
    private SkuAvailability? _availability;

    /// <summary>Creates the grain with its stored list of locations and the order sourcing rules.</summary>
    public SkuAvailabilityGrain(
        [PersistentState("locations")] IPersistentState<SkuAvailabilityLocations> locations,
        ILogger<SkuAvailabilityGrain> logger,
        IOptionsMonitor<OrderOptions>? orders = null)
    {
        _locations = locations;
        _logger = logger;
        _orders = orders;
    }

    private string Key => this.GetPrimaryKeyString();

    private SkuAvailability Availability => _availability ??= new SkuAvailability(Key);

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_locations.State.LocationIds.Count > 0)
        {
            _ = AskForPushesAsync(_locations.State.LocationIds.ToList());
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateAsync(PositionAvailability push)
    {
        ArgumentNullException.ThrowIfNull(push);
        if (!Availability.Update(push))
        {
            return false;
        }

        if (!_locations.State.LocationIds.Contains(push.LocationId))
        {
            _locations.State.LocationIds.Add(push.LocationId);
            await _locations.WriteStateAsync();
        }

        return true;
    }

    /// <inheritdoc />
    public Task<ChannelAvailability> GetAsync(string channelId)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelId);
        var sourcedFrom = _orders?.CurrentValue.Sourcing.LocationsFor(channelId);
        return Task.FromResult(Availability.For(channelId, sourcedFrom));
    }

    // Not awaited by activation: the positions' pushes come back as ordinary calls once this grain is active.
    private async Task AskForPushesAsync(List<string> locationIds)
    {
        RequestContext.Clear();
        await Task.WhenAll(locationIds.Select(async locationId =>
        {
            var position = new PositionKey(Key, locationId);
            try
            {
                await GrainFactory.GetGrain<IInventoryPositionGrain>(position.ToString()).RepushAvailabilityAsync();
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Asking {Position} to push its availability failed; its next change pushes anyway", position);
            }
        }));
    }
}
