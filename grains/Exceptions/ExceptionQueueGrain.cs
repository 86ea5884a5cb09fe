using Parity.GrainInterfaces.Exceptions;
using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Telemetry;
using Parity.Providers.Journal;

namespace Parity.Grains.Exceptions;

/// <summary>
/// The operator console's exception store: every business exception raised, journaled, collapsed by trace key, with
/// its owner and status. A report whose source events are all known changes nothing, so senders may retry freely.
/// Retries are driven by the caller (the gateway) through the source grain; this grain only records their course.
/// Reentrant for group commit: every call decides before its first await, and answers once its events are durable.
/// </summary>
[Reentrant]
[GrainType("exception-queue")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class ExceptionQueueGrain(TimeProvider clock, ParityMetrics metrics) : JournaledGrain<ExceptionQueueState, ExceptionQueueEvent>, IExceptionQueueGrain
{
    /// <inheritdoc />
    public async Task<bool> RaiseAsync(ExceptionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(report.TraceKey);
        var known = TentativeState.IsKnown(report);
        if (!known)
        {
            RaiseEvent(new ExceptionRaised(report, clock.GetUtcNow()));
        }

        // A report already known is confirmed too: its sender must not hear "known" of an event that may be lost.
        await ConfirmEvents();
        if (!known)
        {
            metrics.ExceptionRaised(report.Category);
        }

        return !known;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExceptionRecord>> GetAsync(ExceptionCategory? category = null) =>
        QueryAsync(category, null, null);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExceptionRecord>> QueryAsync(ExceptionCategory? category, ExceptionOwner? owner, ExceptionStatus? status) =>
        Task.FromResult<IReadOnlyList<ExceptionRecord>>(TentativeState.Records
            .Where(r => (category is null || r.Category == category) && (owner is null || r.Owner == owner) && (status is null || r.Status == status))
            .ToList());

    /// <inheritdoc />
    public Task<ExceptionRecord?> GetOneAsync(string traceKey) => Task.FromResult(TentativeState.Find(traceKey));

    /// <inheritdoc />
    public async Task<ExceptionRecord> ResolveAsync(string traceKey, string note)
    {
        var record = Require(traceKey);
        if (record.Status != ExceptionStatus.Resolved)
        {
            RaiseEvent(new ExceptionStatusChanged(traceKey, ExceptionStatus.Resolved, clock.GetUtcNow(), note, Attempt: false));
        }

        var updated = TentativeState.Find(traceKey)!;
        await ConfirmEvents();
        return updated;
    }

    /// <inheritdoc />
    public async Task<ExceptionRecord> BeginRetryAsync(string traceKey)
    {
        var record = Require(traceKey);
        if (record.Status != ExceptionStatus.Retrying)
        {
            RaiseEvent(new ExceptionStatusChanged(traceKey, ExceptionStatus.Retrying, clock.GetUtcNow(), null, Attempt: false));
        }

        var updated = TentativeState.Find(traceKey)!;
        await ConfirmEvents();
        return updated;
    }

    /// <inheritdoc />
    public async Task<ExceptionRecord> CancelRetryAsync(string traceKey)
    {
        var record = Require(traceKey);
        if (record.Status == ExceptionStatus.Retrying)
        {
            RaiseEvent(new ExceptionStatusChanged(traceKey, ExceptionStatus.Open, clock.GetUtcNow(), null, Attempt: false));
        }

        var updated = TentativeState.Find(traceKey)!;
        await ConfirmEvents();
        return updated;
    }

    /// <inheritdoc />
    public async Task<ExceptionRecord> CompleteRetryAsync(string traceKey, ExceptionRetryOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var record = Require(traceKey);

        // A replay of a resolved exception that finds nothing wrong leaves it resolved; a failed one reopens it.
        var status = outcome.Resolved ? ExceptionStatus.Resolved : ExceptionStatus.Open;
        if (record.Status == ExceptionStatus.Resolved && outcome.Resolved)
        {
            await ConfirmEvents();
            return record;
        }

        RaiseEvent(new ExceptionStatusChanged(traceKey, status, clock.GetUtcNow(), outcome.Message, Attempt: true));
        var updated = TentativeState.Find(traceKey)!;
        await ConfirmEvents();
        return updated;
    }

    /// <inheritdoc />
    protected override void TransitionState(ExceptionQueueState state, ExceptionQueueEvent @event) => state.Apply(@event);

    private ExceptionRecord Require(string traceKey) =>
        TentativeState.Find(traceKey) ?? throw new ExceptionNotFoundException($"No exception has the trace key '{traceKey}'.");
}
