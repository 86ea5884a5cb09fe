using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Parity.LoadTest.Hosting;

namespace Parity.LoadTest.Tests.Hosting;

public sealed class ServerMetersTests
{
    [Fact]
    public void ReadJournal_CountsTheJournalOfItsOwnHost_AndARunIsTheDifferenceOfTwoReadings()
    {
        using var host = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meters = new ServerMeters(host.GetRequiredService<IMeterFactory>());
        var (appends, events) = JournalInstruments(host);
        var (otherAppends, otherEvents) = JournalInstruments(other);
        appends.Add(2);
        events.Add(5);
        var before = meters.ReadJournal();

        appends.Add(3);
        events.Add(12);
        otherAppends.Add(100);
        otherEvents.Add(100);
        var run = meters.ReadJournal().Since(before);

        Assert.Equal(new JournalCounters(true, 2, 5), before);
        Assert.Equal(new JournalCounters(true, 3, 12), run);
    }

    [Fact]
    public void WithoutAJournalMeter_TheJournalIsNotPublished_AndNoGrainCallIsTimed()
    {
        using var host = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meters = new ServerMeters(host.GetRequiredService<IMeterFactory>());

        Assert.False(meters.ReadJournal().Published);
        Assert.Null(meters.GrainCalls());
    }

    [Fact]
    public void GrainCalls_AreTheOrleansLatenciesSinceTheLastReset_OfItsOwnHost()
    {
        using var host = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var other = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var meters = new ServerMeters(host.GetRequiredService<IMeterFactory>());
        var latency = GrainCallLatency(host);
        latency.Record(500);
        meters.ResetGrainCalls();

        // The run: 98 calls of 1 ms, one of 2 ms, one of 40 ms; another host's calls are not this one's.
        for (var i = 0; i < 98; i++)
        {
            latency.Record(1);
        }

        latency.Record(2);
        latency.Record(40);
        GrainCallLatency(other).Record(9_000);
        var run = meters.GrainCalls();

        Assert.NotNull(run);
        Assert.Equal(100, run.Calls);
        Assert.Equal((1, 1, 2, 40), (run.LatencyMs.P50, run.LatencyMs.P90, run.LatencyMs.P99, run.LatencyMs.Max));
    }

    private static (Counter<long> Appends, Counter<long> Events) JournalInstruments(IServiceProvider services)
    {
        var meter = services.GetRequiredService<IMeterFactory>().Create(ServerMeters.JournalMeter);
        return (meter.CreateCounter<long>(ServerMeters.JournalAppends), meter.CreateCounter<long>(ServerMeters.JournalEvents));
    }

    // The shape of Orleans 10.4.2's instrument: a histogram of milliseconds on its meter.
    private static Histogram<double> GrainCallLatency(IServiceProvider services) =>
        services.GetRequiredService<IMeterFactory>().Create(ServerMeters.OrleansMeter).CreateHistogram<double>(ServerMeters.GrainCallLatency, "ms");
}
