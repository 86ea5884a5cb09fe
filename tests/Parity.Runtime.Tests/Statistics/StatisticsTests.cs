using Parity.Runtime.Statistics;
using Parity.Runtime.Tests.Grains;
using Parity.Runtime.Tests.Testing;

namespace Parity.Runtime.Tests.Statistics;

public sealed class StatisticsTests
{
    [Fact]
    public async Task Snapshot_CountsCallsErrorsActivationsHotGrainsAndAppends()
    {
        await using var cluster = await Clusters.StartAsync();
        var hot = cluster.GrainFactory.GetGrain<ILedgerGrain>("stats-hot");
        for (var i = 0; i < 30; i++)
        {
            await hot.DepositAsync(1, "d" + i);
        }

        await cluster.GrainFactory.GetGrain<ILedgerGrain>("stats-cold").DepositAsync(1, "x");
        await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.GrainFactory.GetGrain<IProbeGrain>("stats-err").FailAsync("no"));

        var snapshot = cluster.Silos[0].Statistics.GetSnapshot(topGrains: 2);

        var deposit = Assert.Single(snapshot.Methods, m => m.GrainType == "ledger" && m.Method == nameof(ILedgerGrain.DepositAsync));
        Assert.Equal(31, deposit.Calls);
        Assert.True(deposit.P99Ms >= deposit.P50Ms && deposit.P50Ms > 0);
        Assert.Equal(1, Assert.Single(snapshot.Methods, m => m.Method == nameof(IProbeGrain.FailAsync)).Errors);
        Assert.Equal(2, Assert.Single(snapshot.GrainTypes, t => t.GrainType == "ledger").Activations);
        Assert.Equal("ledger/stats-hot", snapshot.HotGrains[0].GrainId);
        Assert.Equal(31, snapshot.Storage.Events);
        Assert.True(snapshot.Storage.Appends >= 2);
        Assert.Equal(3, snapshot.Activations);
    }

    [Fact]
    public async Task Snapshot_ShowsMailboxDepthOfABusyGrain_AndEventsPerAppend()
    {
        await using var cluster = await Clusters.StartAsync();
        var gate = "depth-" + Guid.NewGuid();
        var busy = cluster.GrainFactory.GetGrain<IProbeGrain>("stats-busy");
        var calls = Enumerable.Range(0, 4).Select(_ => busy.BlockAsync(gate)).ToList();
        try
        {
            await Clusters.WaitUntilAsync(() => cluster.Silos[0].Statistics.GetSnapshot().HotGrains.Any(g => g.GrainId == "ProbeGrain/stats-busy" && g.MailboxDepth == 3),
                because: "one call runs, three wait in the mailbox");
        }
        finally
        {
            ProbeGrain.Release(gate);
        }

        await Task.WhenAll(calls);

        // Concurrent callers of one journaled grain share appends (group commit): more than one event per append.
        cluster.Storage.AppendLatency = TimeSpan.FromMilliseconds(5);
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>("stats-batched");
        await Task.WhenAll(Enumerable.Range(0, 32).Select(i => ledger.DepositAsync(1, "d" + i)));
        var storage = cluster.Silos[0].Statistics.GetSnapshot().Storage;

        Assert.Equal(32, storage.Events);
        Assert.True(storage.MaxBatchSize > 1 && storage.MeanBatchSize > 1, $"mean {storage.MeanBatchSize}, max {storage.MaxBatchSize} events per append");
    }
}

public sealed class MeterTests
{
    [Fact]
    public async Task GrainCallsAndAppends_AreMeasuredOnTheParityMeter()
    {
        var measured = new Dictionary<string, double>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SiloStatistics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Add(System.Diagnostics.Metrics.Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                // Other tests' silos may share the process-wide meter: count only this test's grain type.
                if (tag.Key == "grain.type" && (string?)tag.Value != "ledger")
                {
                    return;
                }
            }

            lock (measured)
            {
                measured[instrument.Name] = measured.GetValueOrDefault(instrument.Name) + value;
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        listener.Start();
        await using var cluster = await Clusters.StartAsync();
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>("metered-" + Guid.NewGuid());

        for (var i = 0; i < 5; i++)
        {
            await ledger.DepositAsync(1, "d" + i);
        }

        lock (measured)
        {
            Assert.Equal(5, measured.GetValueOrDefault("parity.grain.calls"));
            Assert.True(measured.GetValueOrDefault("parity.grain.call.duration") > 0);
            Assert.True(measured.GetValueOrDefault("parity.storage.append.batch_size") >= 5);
        }
    }
}

public sealed class TracingTests
{
    [Fact]
    public async Task GrainCall_WithListener_EmitsActivityWithGrainAndCorrelation()
    {
        var seen = new List<System.Diagnostics.Activity>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == "Parity.Runtime",
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) => System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = a => { lock (seen) { seen.Add(a); } },
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        await using var cluster = await Clusters.StartAsync();
        RequestContext.CorrelationId = "trace-1";
        try
        {
            await cluster.GrainFactory.GetGrain<IProbeGrain>("traced").GetCorrelationIdAsync();
        }
        finally
        {
            RequestContext.Clear();
        }

        await Clusters.WaitUntilAsync(() => { lock (seen) { return seen.Any(a => a.DisplayName == "ProbeGrain/GetCorrelationIdAsync"); } });
        lock (seen)
        {
            var activity = seen.First(a => a.DisplayName == "ProbeGrain/GetCorrelationIdAsync");
            Assert.Equal("ProbeGrain/traced", activity.GetTagItem("parity.grain.id"));
            Assert.Equal("trace-1", activity.GetTagItem("parity.correlation_id"));
        }
    }
}
