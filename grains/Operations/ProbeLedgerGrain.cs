using Parity.GrainInterfaces.Operations;
using Parity.Runtime;
using Parity.Runtime.EventSourcing;

namespace Parity.Grains.Operations;

/// <summary>
/// The probe ledger: one journaled event per new probe id, the probe id as its source event id so the
/// journal itself shows which probes landed; a known probe id answers with its original sequence.
/// </summary>
[GrainType("probe-ledger")]
public sealed class ProbeLedgerGrain : JournaledGrain<ProbeLedgerState, ProbeRecorded>, IProbeLedgerGrain
{
    /// <inheritdoc />
    public Task<ProbeReceipt> RecordAsync(string probeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(probeId);
        if (State.Sequences.TryGetValue(probeId, out var recorded))
        {
            return Task.FromResult(new ProbeReceipt(probeId, recorded, Duplicate: true, RuntimeIdentity));
        }

        RaiseEvent(new ProbeRecorded(probeId, TimeProvider.GetUtcNow()), new EventSource("parity-probe", probeId));
        return Task.FromResult(new ProbeReceipt(probeId, Version, Duplicate: false, RuntimeIdentity));
    }

    /// <inheritdoc />
    public Task<ProbeLedgerSummary> GetSummaryAsync() => Task.FromResult(new ProbeLedgerSummary(State.Count, State.LastProbeId, RuntimeIdentity));

    /// <inheritdoc />
    protected override void TransitionState(ProbeLedgerState state, ProbeRecorded @event) => state.Apply(@event);
}
