namespace Parity.Grains.Orders;

/// <summary>
/// Chooses where open units are reserved (domain.md, Sourcing): the smallest set of locations, up to
/// <see cref="SourcingRules.MaxSplits"/>, that covers every unit (among sets of one size, the one of the most preferred
/// locations), filled in preference order. When no such set exists, up to MaxSplits locations, each time the one that
/// covers the most remaining units (preference breaking ties), and what they do not cover is backordered. Plain code
/// over an ATS table, so it is tested without a cluster.
/// </summary>
public static class OrderSourcing
{
    // Sets of locations tried in search of the fewest that cover an order; beyond it (a very long preference list with
    // many splits allowed) the largest-first plan is used, which may split more than needed but stays cheap.
    private const int MaxCoveringSetsTried = 4096;

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
        var candidates = locations.Distinct(StringComparer.Ordinal).ToList();
        var splits = Math.Max(1, maxSplits);
        var picks = new List<SourcingPick>();
        var used = FewestCovering(demand, candidates, splits, Left) ?? [];
        foreach (var location in used)
        {
            Take(location);
        }

        // No set of at most MaxSplits locations covers everything: the largest remaining coverage first, the rest backordered.
        while (remaining.Values.Any(q => q > 0) && used.Count < splits)
        {
            string? best = null;
            var bestCovered = 0;
            foreach (var location in candidates.Except(used, StringComparer.Ordinal))
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
            Take(best);
        }

        var backordered = demand
            .Where(d => remaining.GetValueOrDefault(d.LineId) > 0)
            .Select(d => new LineQuantity(d.LineId, remaining[d.LineId]))
            .ToList();
        return new SourcingPlan(picks, backordered);

        void Take(string location)
        {
            foreach (var line in demand)
            {
                var want = remaining.GetValueOrDefault(line.LineId);
                var take = Math.Min(want, Left(line.Sku, location));
                if (take > 0)
                {
                    picks.Add(new SourcingPick(line.LineId, line.Sku, location, take));
                    remaining[line.LineId] = want - take;
                    left[(line.Sku, location)] -= take;
                }
            }
        }
    }

    // The first set, by size and then by preference (lexicographic in list order), whose stock covers every SKU's total
    // demand; lines of one SKU may split across the set's locations, so per-SKU totals decide. Null when none of at
    // most maxSplits locations does, or the search would try more than MaxCoveringSetsTried sets.
    private static List<string>? FewestCovering(
        IReadOnlyList<SourcingDemand> demand, List<string> locations, int maxSplits, Func<string, string, int> left)
    {
        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in demand.Where(d => d.Quantity > 0))
        {
            wanted[line.Sku] = wanted.GetValueOrDefault(line.Sku) + line.Quantity;
        }

        if (wanted.Count == 0)
        {
            return null;
        }

        var tried = 0;
        var chosen = new int[Math.Min(maxSplits, locations.Count)];
        for (var size = 1; size <= chosen.Length; size++)
        {
            if (Search(0, 0, size))
            {
                return chosen.Take(size).Select(i => locations[i]).ToList();
            }

            if (tried > MaxCoveringSetsTried)
            {
                return null;
            }
        }

        return null;

        // Fills chosen[depth..size) with increasing indexes from `from`; true once a covering set is found.
        bool Search(int depth, int from, int size)
        {
            if (depth == size)
            {
                tried++;
                return wanted.All(w => chosen.Take(size).Sum(i => left(w.Key, locations[i])) >= w.Value);
            }

            for (var i = from; i <= locations.Count - (size - depth) && tried <= MaxCoveringSetsTried; i++)
            {
                chosen[depth] = i;
                if (Search(depth + 1, i + 1, size))
                {
                    return true;
                }
            }

            return false;
        }
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
