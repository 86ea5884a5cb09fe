using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// A SKU's ATS per channel at every location, kept from the pushes of its positions so that "how many can
/// channel c sell, and where" is answered from memory with no fan-out. A push older than the one already
/// held for its location (lower ledger version) is ignored, since pushes may arrive out of order.
/// </summary>
public sealed class SkuAvailability
{
    private readonly Dictionary<string, PositionAvailability> _byLocation = new(StringComparer.Ordinal);

    /// <summary>Creates the empty availability of <paramref name="sku"/>.</summary>
    public SkuAvailability(string sku) => Sku = sku;

    /// <summary>The SKU.</summary>
    public string Sku { get; }

    /// <summary>Locations that have pushed.</summary>
    public int LocationCount => _byLocation.Count;

    /// <summary>Takes a position's push; false if it was stale and ignored.</summary>
    public bool Update(PositionAvailability push)
    {
        ArgumentNullException.ThrowIfNull(push);
        if (_byLocation.TryGetValue(push.LocationId, out var held) && held.Version >= push.Version)
        {
            return false;
        }

        _byLocation[push.LocationId] = push;
        return true;
    }

    /// <summary>Forgets a location (position retired).</summary>
    public bool Remove(string locationId) => _byLocation.Remove(locationId);

    /// <summary>How many units <paramref name="channelId"/> can sell in total, and where (largest ATS first).</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="sourcedFrom">The locations the channel's orders are sourced from; only these count toward the total
    /// (a unit elsewhere would be backordered). Null or empty: no sourcing restriction, every location counts.</param>
    public ChannelAvailability For(string channelId, IReadOnlyList<string>? sourcedFrom = null)
    {
        var restricted = sourcedFrom is { Count: > 0 };
        var locations = new List<LocationAts>();
        var total = 0;
        foreach (var (locationId, push) in _byLocation)
        {
            var ats = push.AtsFor(channelId);
            if (ats > 0)
            {
                // Every location stays listed (a store team still sees what sits elsewhere); only sourced ones add up.
                locations.Add(new LocationAts(locationId, ats));
                if (!restricted || sourcedFrom!.Contains(locationId, StringComparer.Ordinal))
                {
                    total += ats;
                }
            }
        }

        locations.Sort(static (a, b) => b.Ats != a.Ats ? b.Ats.CompareTo(a.Ats) : string.CompareOrdinal(a.LocationId, b.LocationId));
        return new ChannelAvailability(Sku, channelId, total, locations, restricted ? sourcedFrom!.ToList() : null);
    }
}
