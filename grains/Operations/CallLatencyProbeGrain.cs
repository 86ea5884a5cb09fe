using System.Diagnostics;
using Parity.GrainInterfaces.Operations;

namespace Parity.Grains.Operations;

/// <summary>Times calls from this silo to probe ledgers wherever they live; keeps no state.</summary>
[GrainType("call-latency-probe")]
public sealed class CallLatencyProbeGrain : Grain, ICallLatencyProbeGrain
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(20);

    /// <inheritdoc />
    public Task<string> GetSiloAsync() => Task.FromResult(RuntimeIdentity);

    /// <inheritdoc />
    public async Task<CallLatencyReport> MeasureAsync(IReadOnlyList<string> ledgerKeys, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(ledgerKeys);
        if (ledgerKeys.Count == 0)
        {
            throw new ArgumentException("Name at least one probe ledger to call.", nameof(ledgerKeys));
        }

        if (duration <= TimeSpan.Zero || duration > MaxDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, $"A measurement lasts more than zero and at most {MaxDuration.TotalSeconds:0} s.");
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<long>[ledgerKeys.Count];
        var silos = new HashSet<string>[ledgerKeys.Count];
        var started = Stopwatch.GetTimestamp();
        var callers = new Task[ledgerKeys.Count];
        for (var i = 0; i < ledgerKeys.Count; i++)
        {
            var ticks = latencies[i] = new List<long>(1 << 14);
            var answered = silos[i] = [];
            var ledger = GrainFactory.GetGrain<IProbeLedgerGrain>(ledgerKeys[i]);
            callers[i] = Task.Run(async () =>
            {
                // At least one call per ledger: on a starved thread pool a caller may start after the deadline, and a
                // report with no sample would say nothing about where the ledgers live.
                do
                {
                    var t = Stopwatch.GetTimestamp();
                    var summary = await ledger.GetSummaryAsync();
                    ticks.Add(Stopwatch.GetTimestamp() - t);
                    answered.Add(summary.Silo);
                }
                while (Stopwatch.GetTimestamp() < deadline);
            });
        }

        await Task.WhenAll(callers);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
        return new CallLatencyReport(RuntimeIdentity, silos.SelectMany(s => s).Distinct().Order(StringComparer.Ordinal).ToArray(), all.Length, seconds, Percentile(0.5), Percentile(0.99));
    }
}
