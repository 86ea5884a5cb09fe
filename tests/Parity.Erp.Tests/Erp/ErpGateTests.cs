using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Erp;

public sealed class ErpGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static ErpGate Gate(double rate = 1000, int burst = 100) => new(new ErpPostingOptions
    {
        RatePerSecond = rate,
        Burst = burst,
        CircuitFailureThreshold = 3,
        CircuitBreakDuration = TimeSpan.FromSeconds(10),
        RequestTimeout = TimeSpan.FromSeconds(2),
    });

    [Fact]
    public void TokenBucket_AllowsTheBurst_ThenOneTokenPerInterval()
    {
        var gate = Gate(rate: 2, burst: 2);

        Assert.Equal(TimeSpan.Zero, gate.TryAcquire(T0));
        Assert.Equal(TimeSpan.Zero, gate.TryAcquire(T0));
        Assert.Equal(TimeSpan.FromSeconds(0.5), gate.TryAcquire(T0));
        Assert.Equal(TimeSpan.Zero, gate.TryAcquire(T0.AddSeconds(0.5)));
    }

    [Fact]
    public void Throttled_HoldsEveryoneBackForTheRetryAfter()
    {
        var gate = Gate(rate: 10, burst: 10);

        gate.Throttled(T0, TimeSpan.FromSeconds(2));

        Assert.True(gate.TryAcquire(T0.AddSeconds(1.9)) > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, gate.TryAcquire(T0.AddSeconds(2.1)));
        Assert.False(gate.CircuitOpen);
    }

    [Fact]
    public void Circuit_OpensAfterTheThreshold_LetsOneProbeThroughAfterTheBreak_AndClosesOnSuccess()
    {
        var gate = Gate();

        Assert.False(gate.Failure(T0));
        Assert.False(gate.Failure(T0));
        Assert.True(gate.Failure(T0));
        Assert.True(gate.CircuitOpen);
        Assert.Equal(TimeSpan.FromSeconds(10), gate.TryAcquire(T0));

        // After the break one caller probes; the others wait for its answer.
        Assert.Equal(TimeSpan.Zero, gate.TryAcquire(T0.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(2), gate.TryAcquire(T0.AddSeconds(10)));

        // A failed probe reopens for another break without reporting a new outage.
        Assert.False(gate.Failure(T0.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), gate.TryAcquire(T0.AddSeconds(10)));

        Assert.Equal(TimeSpan.Zero, gate.TryAcquire(T0.AddSeconds(20)));
        gate.Success();
        Assert.False(gate.CircuitOpen);
        Assert.Equal(TimeSpan.Zero, gate.TryAcquire(T0.AddSeconds(20)));
        Assert.Equal(0, gate.ConsecutiveFailures);
    }
}
