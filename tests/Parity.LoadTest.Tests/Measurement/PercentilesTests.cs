using Parity.LoadTest.Measurement;

namespace Parity.LoadTest.Tests.Measurement;

public sealed class PercentilesTests
{
    [Fact]
    public void Summarise_OneToHundred_GivesNearestRanks()
    {
        var shuffled = Enumerable.Range(1, 100).Select(i => (double)i).OrderBy(i => (i * 37) % 101).ToList();

        var summary = Percentiles.Summarise(shuffled);

        Assert.Equal(new LatencySummary(50, 90, 99, 100), summary);
    }

    [Fact]
    public void Summarise_Empty_IsAllZero() => Assert.Equal(new LatencySummary(0, 0, 0, 0), Percentiles.Summarise([]));

    [Fact]
    public void OfSorted_OneSlowRequestInAThousand_ShowsAtP999NotP99()
    {
        var latencies = Enumerable.Repeat(1.0, 999).Append(500.0).ToArray();

        Assert.Equal(1.0, Percentiles.OfSorted(latencies, 99));
        Assert.Equal(500.0, Percentiles.OfSorted(latencies, 99.95));
        Assert.Equal(500.0, Percentiles.Summarise(latencies).Max);
    }

    [Fact]
    public void OfSorted_SingleSample_IsEveryPercentile()
    {
        Assert.Equal(7.5, Percentiles.OfSorted([7.5], 0));
        Assert.Equal(7.5, Percentiles.OfSorted([7.5], 50));
        Assert.Equal(7.5, Percentiles.OfSorted([7.5], 100));
    }

    [Fact]
    public void OfSorted_PercentileOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.OfSorted([1.0], 101));
}
