namespace Parity.LoadTest.Measurement;

/// <summary>Latency percentiles by nearest rank on the sorted samples: the reported p99 is a latency some request really had.</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percentile"/>-th (0–100) of <paramref name="sorted"/>, which must be in ascending order; 0 when empty.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double percentile)
    {
        if (percentile is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentile), percentile, "A percentile lies between 0 and 100.");
        }

        if (sorted.Count == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>p50, p90, p99 and max of <paramref name="latenciesMs"/> (any order).</summary>
    public static LatencySummary Summarise(IEnumerable<double> latenciesMs)
    {
        var sorted = latenciesMs.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(
            Round(OfSorted(sorted, 50)), Round(OfSorted(sorted, 90)), Round(OfSorted(sorted, 99)),
            Round(sorted.Length == 0 ? 0 : sorted[^1]));
    }

    private static double Round(double value) => Math.Round(value, 3);
}

/// <summary>Latency percentiles in milliseconds.</summary>
/// <param name="P50">Median.</param>
/// <param name="P90">90th percentile.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Max">Slowest request.</param>
internal sealed record LatencySummary(double P50, double P90, double P99, double Max);
