using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.GrainInterfaces.Operations;
using Parity.Grains.Journaling;
using Parity.Providers.Journal;

namespace Parity.Grains.Operations;

/// <summary>
/// The probe ledger: one journaled event per new probe id, the probe id as its source event id so the
/// journal itself shows which probes landed; a known probe id answers with its original sequence. Reentrant so that
/// probes arriving while an append is in flight go in the next append (group commit); each decision is made before
/// the call's first await.
/// </summary>
[Reentrant]
[GrainType("probe-ledger")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class ProbeLedgerGrain(TimeProvider clock) : JournaledGrain<ProbeLedgerState, ProbeRecorded>, IProbeLedgerGrain
{
    /// <inheritdoc />
    public async Task<ProbeReceipt> RecordAsync(string probeId)
    {
        ArgumentException.ThrowIfNullOrEmpty(probeId);
        if (TentativeState.Sequences.TryGetValue(probeId, out var recorded))
        {
            // Answered only once the first recording is durable: a duplicate must not confirm what may still be lost.
            await ConfirmEvents();
            return new ProbeReceipt(probeId, recorded, Duplicate: true, RuntimeIdentity);
        }

        using (new EventSource("parity-probe", probeId).Scope())
        {
            RaiseEvent(new ProbeRecorded(probeId, clock.GetUtcNow()));
        }

        var sequence = TentativeState.Count;
        await ConfirmEvents();
        return new ProbeReceipt(probeId, sequence, Duplicate: false, RuntimeIdentity);
    }

    /// <inheritdoc />
    public Task<ProbeLedgerSummary> GetSummaryAsync() => Task.FromResult(new ProbeLedgerSummary(State.Count, State.LastProbeId, RuntimeIdentity));

    /// <inheritdoc />
    protected override void TransitionState(ProbeLedgerState state, ProbeRecorded @event) => state.Apply(@event);
}
