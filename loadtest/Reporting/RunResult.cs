using System.Text.Json.Serialization;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;

namespace Parity.LoadTest.Reporting;

/// <summary>The figures of one run (Parity, the baseline or the ceiling), as they appear in the JSON report.</summary>
internal class RunResult
{
    /// <summary>Scenario name, e.g. <c>flash-sale</c>.</summary>
    [JsonPropertyName("scenario")]
    public required string Scenario { get; init; }

    /// <summary>What was driven: <c>parity</c>, <c>sql-row-lock</c> or <c>ceiling</c>.</summary>
    [JsonPropertyName("system")]
    public required string System { get; init; }

    /// <summary><c>inproc</c> or the gateway's URL.</summary>
    [JsonPropertyName("target")]
    public required string Target { get; init; }

    /// <summary>Where the state was kept: memory, sqlite, postgres (durable), or none for the ceiling.</summary>
    [JsonPropertyName("store")]
    public required string Store { get; init; }

    /// <summary>From the start of the run to its last answer.</summary>
    [JsonPropertyName("durationSeconds")]
    public double DurationSeconds { get; init; }

    /// <summary>Requests due by the schedule (sent or not).</summary>
    [JsonPropertyName("attempts")]
    public long Attempts { get; init; }

    /// <summary>2xx answers.</summary>
    [JsonPropertyName("accepted")]
    public long Accepted { get; init; }

    /// <summary>Business refusals (409).</summary>
    [JsonPropertyName("rejected")]
    public long Rejected { get; init; }

    /// <summary>Failures, including requests not sent because the client's in-flight bound was full.</summary>
    [JsonPropertyName("errors")]
    public long Errors { get; init; }

    /// <summary>Decisions (accepted + rejected) per second of <see cref="DurationSeconds"/>.</summary>
    [JsonPropertyName("throughputPerSecond")]
    public double ThroughputPerSecond { get; init; }

    /// <summary>The arrival rate asked for at the peak.</summary>
    [JsonPropertyName("offeredPeakRatePerSecond")]
    public double OfferedPeakRatePerSecond { get; init; }

    /// <summary>Latency of every answered request from its scheduled send time.</summary>
    [JsonPropertyName("latencyMs")]
    public required LatencySummary LatencyMs { get; init; }

    /// <summary>The invariants checked after the run.</summary>
    [JsonPropertyName("invariants")]
    public required InvariantResult Invariants { get; init; }

    /// <summary>Per-second buckets by completion time.</summary>
    [JsonPropertyName("timeline")]
    public required IReadOnlyList<TimelineBucket> Timeline { get; init; }

    /// <summary>Where the time went inside the in-process server; null for a remote target.</summary>
    [JsonPropertyName("server")]
    public ServerProfile? Server { get; init; }

    /// <summary>Per operation type (mixed scenarios only; absent for the flash sale).</summary>
    [JsonPropertyName("operations")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, OperationFigures>? Operations { get; init; }

    /// <summary>Builds the figures from the samples of a run.</summary>
    public static RunResult From(string scenario, string system, string target, string store, double peakRate,
        IReadOnlyList<RequestSample> samples, InvariantResult invariants, ServerProfile? server = null,
        IReadOnlyDictionary<string, OperationFigures>? operations = null)
    {
        var duration = samples.Count == 0 ? 0 : samples.Max(s => s.CompletedSeconds);
        var accepted = samples.LongCount(s => s.Outcome == RequestOutcome.Accepted);
        var rejected = samples.LongCount(s => s.Outcome == RequestOutcome.Rejected);
        return new RunResult
        {
            Scenario = scenario,
            System = system,
            Target = target,
            Store = store,
            DurationSeconds = Math.Round(duration, 3),
            Attempts = samples.Count,
            Accepted = accepted,
            Rejected = rejected,
            Errors = samples.Count - accepted - rejected,
            ThroughputPerSecond = duration <= 0 ? 0 : Math.Round((accepted + rejected) / duration, 1),
            OfferedPeakRatePerSecond = peakRate,
            LatencyMs = Percentiles.Summarise(samples.Where(s => s.Outcome != RequestOutcome.NotSent).Select(s => s.LatencyMs)),
            Invariants = invariants,
            Timeline = TimelineBucket.From(samples),
            Server = server,
            Operations = operations,
        };
    }
}

/// <summary>One second of a run, by the time answers arrived.</summary>
/// <param name="Second">Seconds from the start (bucket [Second, Second + 1)).</param>
/// <param name="Due">Requests scheduled in this second.</param>
/// <param name="Decisions">Accepted + rejected answers that arrived in this second.</param>
/// <param name="Errors">Failures in this second.</param>
/// <param name="P50">Median latency (ms) of the answers of this second.</param>
/// <param name="P99">99th percentile latency (ms).</param>
/// <param name="Max">Slowest answer (ms).</param>
internal sealed record TimelineBucket(
    [property: JsonPropertyName("second")] int Second,
    [property: JsonPropertyName("due")] long Due,
    [property: JsonPropertyName("decisions")] long Decisions,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("p50")] double P50,
    [property: JsonPropertyName("p99")] double P99,
    [property: JsonPropertyName("max")] double Max)
{
    /// <summary>Buckets every second from 0 to the last answer (empty seconds included, so a stall shows).</summary>
    public static IReadOnlyList<TimelineBucket> From(IReadOnlyList<RequestSample> samples)
    {
        if (samples.Count == 0)
        {
            return [];
        }

        var last = (int)Math.Floor(samples.Max(s => Math.Max(s.CompletedSeconds, s.DueSeconds)));
        var due = new long[last + 1];
        var answered = new List<RequestSample>[last + 1];
        foreach (var s in samples)
        {
            due[(int)Math.Floor(s.DueSeconds)]++;
            (answered[(int)Math.Floor(s.CompletedSeconds)] ??= []).Add(s);
        }

        var buckets = new List<TimelineBucket>(last + 1);
        for (var second = 0; second <= last; second++)
        {
            var these = answered[second] ?? [];
            var latency = Percentiles.Summarise(these.Where(s => s.Outcome != RequestOutcome.NotSent).Select(s => s.LatencyMs));
            buckets.Add(new TimelineBucket(second, due[second],
                these.LongCount(s => s.Outcome is RequestOutcome.Accepted or RequestOutcome.Rejected),
                these.LongCount(s => s.Outcome is RequestOutcome.Error or RequestOutcome.NotSent),
                latency.P50, latency.P99, latency.Max));
        }

        return buckets;
    }
}

/// <summary>The figures of one operation type of a mixed scenario.</summary>
/// <param name="Attempts">Requests of this type due by the schedule.</param>
/// <param name="Accepted">2xx answers.</param>
/// <param name="Rejected">Business refusals (409).</param>
/// <param name="Errors">Failures and requests not sent.</param>
/// <param name="LatencyMs">Latency from the scheduled time of the answered ones.</param>
internal sealed record OperationFigures(
    [property: JsonPropertyName("attempts")] long Attempts,
    [property: JsonPropertyName("accepted")] long Accepted,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("latencyMs")] LatencySummary LatencyMs)
{
    /// <summary>Groups <paramref name="samples"/> by the operation <paramref name="operationOf"/> names for each request index.</summary>
    public static IReadOnlyDictionary<string, OperationFigures> From(IReadOnlyList<RequestSample> samples, Func<long, string> operationOf) =>
        samples.GroupBy(s => operationOf(s.Index)).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var accepted = g.LongCount(s => s.Outcome == RequestOutcome.Accepted);
            var rejected = g.LongCount(s => s.Outcome == RequestOutcome.Rejected);
            var all = g.LongCount();
            return new OperationFigures(all, accepted, rejected, all - accepted - rejected,
                Percentiles.Summarise(g.Where(s => s.Outcome != RequestOutcome.NotSent).Select(s => s.LatencyMs)));
        }, StringComparer.Ordinal);
}
