using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization;
using Parity.LoadTest.Measurement;

namespace Parity.LoadTest.Hosting;

/// <summary>
/// Time each POST spends inside the in-process server, from the first middleware to the end of the response, so a
/// report can split the client's latency into time queued before the server saw the request and time inside it.
/// </summary>
internal sealed class ServerTimings
{
    private ConcurrentQueue<double> _milliseconds = new();

    /// <summary>Records one request's time inside the server.</summary>
    public void Record(TimeSpan elapsed) => _milliseconds.Enqueue(elapsed.TotalMilliseconds);

    /// <summary>Forgets what was recorded (between the warm-up and the measured run).</summary>
    public void Reset() => Interlocked.Exchange(ref _milliseconds, new ConcurrentQueue<double>());

    /// <summary>Percentiles of what was recorded since the last reset.</summary>
    public LatencySummary Summarise() => Percentiles.Summarise(_milliseconds);

    /// <summary>Wraps every POST of the pipeline.</summary>
    public async Task MiddlewareAsync(HttpContext context, Func<Task> next)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await next().ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            Record(Stopwatch.GetElapsedTime(started));
        }
    }
}

/// <summary>Where the time of a run went, as the in-process server saw it.</summary>
/// <param name="HttpServerMs">Time inside the server (first middleware to response end) per POST.</param>
/// <param name="GrainCalls">The grain calls this process made during the run and their latency, from Orleans'
/// request-latency histogram (every grain called, not only the position's ReserveAsync).</param>
/// <param name="Appends">Journal appends during the run; null when the journal publishes no counters (the memory store).</param>
/// <param name="EventsPerAppend">Events per append during the run (group commit); null as <paramref name="Appends"/>.</param>
/// <param name="ProcessCpuPercent">This process's CPU during the run, in percent of one core (the load generator included).</param>
/// <param name="CpuMsPerRequest">This process's CPU time per request of the run (generator, HTTP stack and system together):
/// what a request costs, whatever share of the machine the process got.</param>
/// <param name="AllocatedKbPerRequest">Managed memory this process allocated during the run per request sent (generator, HTTP
/// stack and silo together): a cost that does not vary with how busy the machine is.</param>
internal sealed record ServerProfile(
    [property: JsonPropertyName("httpServerMs")] LatencySummary HttpServerMs,
    [property: JsonPropertyName("grainCalls")] GrainCallTiming? GrainCalls,
    [property: JsonPropertyName("appends")] long? Appends,
    [property: JsonPropertyName("eventsPerAppend")] double? EventsPerAppend,
    [property: JsonPropertyName("processCpuPercent")] double ProcessCpuPercent,
    [property: JsonPropertyName("cpuMsPerRequest")] double CpuMsPerRequest,
    [property: JsonPropertyName("allocatedKbPerRequest")] double AllocatedKbPerRequest = 0,
    [property: JsonPropertyName("gc")] GcFigures? Gc = null);

/// <summary>
/// The garbage collections of this process during a run (load generator, gateway and silo together): how many of
/// each generation and how long the runtime was paused for them. A pause stops every request at once, so it is the
/// first thing to compare with a latency tail.
/// </summary>
/// <param name="Gen0">Generation-0 collections (gen-1 and gen-2 ones included, as the runtime counts them).</param>
/// <param name="Gen1">Generation-1 collections.</param>
/// <param name="Gen2">Generation-2 (full) collections.</param>
/// <param name="PauseMs">Total time the runtime was paused for collections.</param>
/// <param name="PausePercent">That pause as a share of the run's wall-clock time.</param>
internal sealed record GcFigures(
    [property: JsonPropertyName("gen0")] long Gen0,
    [property: JsonPropertyName("gen1")] long Gen1,
    [property: JsonPropertyName("gen2")] long Gen2,
    [property: JsonPropertyName("pauseMs")] double PauseMs,
    [property: JsonPropertyName("pausePercent")] double PausePercent)
{
    /// <summary>The process's counts and total pause so far (PausePercent 0).</summary>
    public static GcFigures Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2),
        GC.GetTotalPauseDuration().TotalMilliseconds, 0);

    /// <summary>What happened between <paramref name="before"/> and this reading, over <paramref name="wall"/>.</summary>
    public GcFigures Since(GcFigures before, TimeSpan wall)
    {
        var pause = PauseMs - before.PauseMs;
        return new GcFigures(Gen0 - before.Gen0, Gen1 - before.Gen1, Gen2 - before.Gen2, Math.Round(pause, 1),
            wall <= TimeSpan.Zero ? 0 : Math.Round(pause / wall.TotalMilliseconds * 100, 2));
    }
}

/// <summary>The grain calls the in-process silo's host made during a run, as Orleans timed them.</summary>
/// <param name="Calls">Grain calls answered.</param>
/// <param name="LatencyMs">Their latency, from the call to its answer.</param>
internal sealed record GrainCallTiming(
    [property: JsonPropertyName("calls")] long Calls,
    [property: JsonPropertyName("latencyMs")] LatencySummary LatencyMs);
