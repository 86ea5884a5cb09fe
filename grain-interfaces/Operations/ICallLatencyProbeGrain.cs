
namespace Parity.GrainInterfaces.Operations;

/// <summary>
/// Measures grain-to-grain calls from the silo this probe runs on (any key): operators use it to see what a call to
/// another silo costs, and the remote-call benchmark uses it to time silo → silo calls without a client in the path.
/// </summary>
[Orleans.Alias("parity.operations.ICallLatencyProbeGrain")]
public interface ICallLatencyProbeGrain : IGrainWithStringKey
{
    /// <summary>The silo this probe runs on.</summary>
    [Orleans.Alias("GetSilo")]
    Task<string> GetSiloAsync();

    /// <summary>
    /// Calls <see cref="IProbeLedgerGrain.GetSummaryAsync"/> on the given ledgers in a loop for <paramref name="duration"/>,
    /// one awaited call after another per ledger (at least one each), every ledger concurrently, and reports what the calls took.
    /// </summary>
    /// <param name="ledgerKeys">The ledgers to call; one concurrent caller each.</param>
    /// <param name="duration">How long to call (at most 20 s, so the probe's own call stays inside the default timeout).</param>
    [Orleans.Alias("Measure")]
    Task<CallLatencyReport> MeasureAsync(IReadOnlyList<string> ledgerKeys, TimeSpan duration);
}

/// <summary>What a latency probe measured.</summary>
/// <param name="CallerSilo">The silo the calls were made from.</param>
/// <param name="TargetSilos">The silos that answered, without repeats.</param>
/// <param name="Calls">Calls completed.</param>
/// <param name="Seconds">Time spent calling.</param>
/// <param name="P50Milliseconds">Median call latency.</param>
/// <param name="P99Milliseconds">99th percentile call latency.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.operations.CallLatencyReport")]
public sealed record CallLatencyReport(
    [property: Orleans.Id(0)] string CallerSilo,
    [property: Orleans.Id(1)] IReadOnlyList<string> TargetSilos,
    [property: Orleans.Id(2)] long Calls,
    [property: Orleans.Id(3)] double Seconds,
    [property: Orleans.Id(4)] double P50Milliseconds,
    [property: Orleans.Id(5)] double P99Milliseconds)
{
    /// <summary>Calls per second.</summary>
    public double CallsPerSecond => Seconds > 0 ? Calls / Seconds : 0;
}
