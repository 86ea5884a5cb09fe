using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Erp;

public sealed class ErpBackoffTests
{
    private static readonly ErpPostingOptions Options = new() { FirstRetryDelay = TimeSpan.FromMilliseconds(100), MaxRetryDelay = TimeSpan.FromSeconds(2) };

    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(3, 400)]
    [InlineData(5, 1600)]
    [InlineData(6, 2000)]
    [InlineData(1000, 2000)]
    public void Delay_DoublesPerFailureUpToTheMaximum_WithHalfOfItJittered(int failures, double fullMilliseconds)
    {
        Assert.Equal(fullMilliseconds / 2, ErpBackoff.Delay(failures, null, Options, 0).TotalMilliseconds, 3);
        Assert.Equal(fullMilliseconds * 0.75, ErpBackoff.Delay(failures, null, Options, 0.5).TotalMilliseconds, 3);
        Assert.InRange(ErpBackoff.Delay(failures, null, Options, 0.999999).TotalMilliseconds, fullMilliseconds * 0.999, fullMilliseconds);
    }

    [Fact]
    public void Delay_IsNeverShorterThanRetryAfter_ButALaterBackoffIsKept()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), ErpBackoff.Delay(1, TimeSpan.FromSeconds(5), Options, 0.5));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), ErpBackoff.Delay(6, TimeSpan.FromMilliseconds(10), Options, 0.5));
    }

    [Fact]
    public void Delay_Jitter_SpreadsGrainsThatFailedTogether()
    {
        var delays = Enumerable.Range(0, 50).Select(_ => ErpBackoff.Delay(4, null, Options, Random.Shared.NextDouble())).ToHashSet();

        Assert.True(delays.Count > 40, $"50 grains failing together would retry at {delays.Count} distinct moments");
        Assert.All(delays, d => Assert.InRange(d.TotalMilliseconds, 400, 800));
    }
}
