namespace Parity.Runtime.Statistics;

/// <summary>
/// A lock-free log-scale histogram of durations (4 buckets per doubling, 1 µs to ~70 minutes), cheap
/// enough to record every call: one array increment.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int BucketsPerDoubling = 4;

    /// <summary>Number of buckets; the size of the arrays <see cref="CopyBuckets"/> fills.</summary>
    public const int BucketCount = 33 * BucketsPerDoubling;
    private readonly long[] _buckets = new long[BucketCount];
    private long _count;
    private long _sumMicros;
    private long _maxMicros;

    public long Count => Interlocked.Read(ref _count);

    public void Record(TimeSpan elapsed) => RecordValue(Math.Max(1, (long)elapsed.TotalMicroseconds));

    /// <summary>Records a plain value (used for batch sizes too).</summary>
    public void RecordValue(long value)
    {
        value = Math.Max(1, value);
        var index = Math.Min(BucketCount - 1, (int)(Math.Log2(value) * BucketsPerDoubling));
        Interlocked.Increment(ref _buckets[index]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicros, value);
        var max = Interlocked.Read(ref _maxMicros);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxMicros, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public double Mean => Count == 0 ? 0 : (double)Interlocked.Read(ref _sumMicros) / Count;

    public long Max => Interlocked.Read(ref _maxMicros);

    /// <summary>Copies the bucket counts into <paramref name="into"/>; the statistics publisher diffs two copies to get
    /// the percentiles of the last interval only, off the hot path.</summary>
    public void CopyBuckets(long[] into)
    {
        for (var i = 0; i < BucketCount; i++)
        {
            into[i] = Interlocked.Read(ref _buckets[i]);
        }
    }

    /// <summary>The <paramref name="quantile"/> of the records counted in <paramref name="buckets"/> (bucket upper bound), 0 when empty.</summary>
    public static double Percentile(ReadOnlySpan<long> buckets, double quantile)
    {
        long total = 0;
        foreach (var n in buckets)
        {
            total += n;
        }

        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank)
            {
                return UpperBound(i);
            }
        }

        return UpperBound(buckets.Length - 1);
    }

    private static double UpperBound(int bucket) => Math.Pow(2, (bucket + 1) / (double)BucketsPerDoubling);

    /// <summary>The value below which <paramref name="quantile"/> of the records fall (bucket upper bound).</summary>
    public double Percentile(double quantile)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * total);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= rank)
            {
                return Math.Min(Math.Pow(2, (i + 1) / (double)BucketsPerDoubling), Max);
            }
        }

        return Max;
    }
}
