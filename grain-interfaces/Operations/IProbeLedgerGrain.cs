
namespace Parity.GrainInterfaces.Operations;

/// <summary>
/// An operations probe ledger (any key, e.g. <c>smoke-01</c>): smoke tests and failover drills record probes
/// through the same journaled, group-committed write path the business grains use, and read back what the
/// cluster acknowledged. Each probe is one journal event whose source event id is the probe id.
/// </summary>
/// <remarks>
/// Idempotent by probe id, as every business command is: a retried probe gets its original receipt and adds
/// nothing. The ledger remembers the last <see cref="RememberedProbes"/> probe ids; a retry older than that
/// would be recorded again.
/// </remarks>
[Orleans.Alias("parity.operations.IProbeLedgerGrain")]
public interface IProbeLedgerGrain : IGrainWithStringKey
{
    /// <summary>How many recent probe ids a ledger remembers for deduplication.</summary>
    const int RememberedProbes = 10_000;

    /// <summary>Records one probe, answered once its event is durable.</summary>
    /// <param name="probeId">Idempotency key of the probe; unique per probe.</param>
    /// <returns>The journal sequence holding the probe, and whether it had been recorded before.</returns>
    [Orleans.Alias("Record")]
    Task<ProbeReceipt> RecordAsync(string probeId);

    /// <summary>How many probes the ledger holds and which silo answers for it now.</summary>
    [Orleans.Alias("GetSummary")]
    Task<ProbeLedgerSummary> GetSummaryAsync();
}
