namespace Parity.Grains.Orders;

/// <summary>
/// Chooses where open units are reserved (domain.md, Sourcing): the first preferred location that can take every
/// line whole; otherwise, up to <see cref="SourcingRules.MaxSplits"/> locations, each time the one that covers the
/// most remaining units (preference breaking ties), so the order splits as little as it can; what no chosen
/// location covers is backordered. Plain code over an ATS table, so it is tested without a cluster.
/// </summary>
public static class OrderSourcing
{
    /// <summary>Plans the allocation of <paramref name="demand"/>.</summary>
    /// <param name="demand">Units wanted per line.</param>
    /// <param name="locations">Candidate locations, most preferred first.</param>
    /// <param name="maxSplits">Most locations to use.</param>
    /// <param name="availableToSell">The channel's ATS of (SKU, location).</param>
    public static SourcingPlan Plan(
        IReadOnlyList<SourcingDemand> demand, IReadOnlyList<string> locations, int maxSplits, Func<string, string, int> availableToSell)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentNullException.ThrowIfNull(availableToSell);

        // ATS left per (SKU, location) as the plan consumes it; lines of one SKU share a position.
        var left = new Dictionary<(string Sku, string Location), int>();
        int Left(string sku, string location) =>
            left.TryGetValue((sku, location), out var q) ? q : left[(sku, location)] = Math.Max(0, availableToSell(sku, location));

        var remaining = demand.Where(d => d.Quantity > 0).ToDictionary(d => d.LineId, d => d.Quantity, StringComparer.Ordinal);
        var picks = new List<SourcingPick>();
        var used = new List<string>();
        while (remaining.Values.Any(q => q > 0) && used.Count < Math.Max(1, maxSplits))
        {
            string? best = null;
            var bestCovered = 0;
            foreach (var location in locations.Distinct(StringComparer.Ordinal).Except(used, StringComparer.Ordinal))
            {
                var covered = Covered(demand, remaining, location, Left);
                if (covered > bestCovered)
                {
                    best = location;
                    bestCovered = covered;
                }
            }

            if (best is null)
            {
                break;
            }

            used.Add(best);
            foreach (var line in demand)
            {
                var want = remaining.GetValueOrDefault(line.LineId);
                var take = Math.Min(want, Left(line.Sku, best));
                if (take > 0)
                {
                    picks.Add(new SourcingPick(line.LineId, line.Sku, best, take));
                    remaining[line.LineId] = want - take;
                    left[(line.Sku, best)] -= take;
                }
            }
        }

        var backordered = demand
            .Where(d => remaining.GetValueOrDefault(d.LineId) > 0)
            .Select(d => new LineQuantity(d.LineId, remaining[d.LineId]))
            .ToList();
        return new SourcingPlan(picks, backordered);
    }

    private static int Covered(
        IReadOnlyList<SourcingDemand> demand, Dictionary<string, int> remaining, string location, Func<string, string, int> left)
    {
        var bySku = new Dictionary<string, int>(StringComparer.Ordinal);
        var covered = 0;
        foreach (var line in demand)
        {
            var want = remaining.GetValueOrDefault(line.LineId);
            var available = left(line.Sku, location) - bySku.GetValueOrDefault(line.Sku);
            var take = Math.Min(want, Math.Max(0, available));
            bySku[line.Sku] = bySku.GetValueOrDefault(line.Sku) + take;
            covered += take;
        }

        return covered;
    }
}

/// <summary>Units of a line to source.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Sku">Its SKU.</param>
/// <param name="Quantity">Units wanted.</param>
public sealed record SourcingDemand(string LineId, string Sku, int Quantity);

/// <summary>Units of a line to reserve at one location.</summary>
/// <param name="LineId">The line.</param>
/// <param name="Sku">Its SKU.</param>
/// <param name="LocationId">Where.</param>
/// <param name="Quantity">Units.</param>
public sealed record SourcingPick(string LineId, string Sku, string LocationId, int Quantity);

/// <summary>A sourcing decision: reservations to make, and units no location can take.</summary>
/// <param name="Picks">Reservations to make.</param>
/// <param name="Backordered">Units left without a location.</param>
public sealed record SourcingPlan(IReadOnlyList<SourcingPick> Picks, IReadOnlyList<LineQuantity> Backordered);
