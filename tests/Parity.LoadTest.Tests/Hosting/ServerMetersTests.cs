using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Parity.LoadTest.Hosting;

namespace Parity.LoadTest.Tests.Hosting;

public sealed class ServerMetersTests
{
    [Fact]
    public void Read_CountsTheJournalOfItsOwnHost_AndARunIsTheDifferenceOfTwoReadings()
    {
        using var host = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meters = new ServerMeters(host.GetRequiredService<IMeterFactory>());
        var (appends, events) = JournalCounters(host);
        var (otherAppends, otherEvents) = JournalCounters(other);
        appends.Add(2);
        events.Add(5);
        var before = meters.Read();

        appends.Add(3);
        events.Add(12);
        otherAppends.Add(100);
        otherEvents.Add(100);
        var run = meters.Read().Since(before);

        Assert.True(before.JournalPublished);
        Assert.Equal((2, 5), (before.Appends, before.Events));
        Assert.Equal((3, 12), (run.Appends, run.Events));
    }

    [Fact]
    public void Read_WithoutAJournalMeter_SaysTheJournalPublishesNothing()
    {
        using var host = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meters = new ServerMeters(host.GetRequiredService<IMeterFactory>());

        var reading = meters.Read();

        Assert.False(reading.JournalPublished);
        Assert.Null(reading.GrainCalls());
    }

    [Fact]
    public void GrainCalls_ArePercentilesAsBucketBounds_OfTheCallsOfTheRun()
    {
        using var host = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meters = new ServerMeters(host.GetRequiredService<IMeterFactory>());
        // Orleans' shape: one observable measurement per bucket, tagged with its upper bound.
        var buckets = new Dictionary<long, long> { [1] = 10, [2] = 0, [4] = 0, [10] = 0, [long.MaxValue] = 0 };
        var orleans = host.GetRequiredService<IMeterFactory>().Create(ServerMeters.OrleansMeter);
        orleans.CreateObservableCounter(ServerMeters.GrainCallLatency + "-bucket",
            () => buckets.Select(b => new Measurement<long>(b.Value, new KeyValuePair<string, object?>("duration", $"{b.Key}ms"))));
        var before = meters.Read();

        // The run: 90 calls of at most 2 ms, 9 of at most 10 ms, 1 beyond every finite bound.
        buckets[2] = 90;
        buckets[10] = 9;
        buckets[long.MaxValue] = 1;
        var run = meters.Read().Since(before).GrainCalls();

        Assert.Equal(new GrainCallTiming(2, 10, 100), run);
        Assert.Equal(new GrainCallTiming(1, 1, 10), before.GrainCalls());
    }

    [Fact]
    public void GrainCalls_BeyondTheLastFiniteBound_HaveNoBound()
    {
        var reading = new ServerMeterReading(false, 0, 0, new Dictionary<long, long> { [15_000] = 1, [long.MaxValue] = 1 });

        Assert.Equal(new GrainCallTiming(15_000, null, 2), reading.GrainCalls());
    }

    private static (Counter<long> Appends, Counter<long> Events) JournalCounters(IServiceProvider services)
    {
        var meter = services.GetRequiredService<IMeterFactory>().Create(ServerMeters.JournalMeter);
        return (meter.CreateCounter<long>(ServerMeters.JournalAppends), meter.CreateCounter<long>(ServerMeters.JournalEvents));
    }
}
