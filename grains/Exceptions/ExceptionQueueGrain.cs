using Parity.GrainInterfaces.Exceptions;
using Parity.Runtime;
using Parity.Runtime.EventSourcing;

namespace Parity.Grains.Exceptions;

/// <summary>
/// The operator console's exception store: every business exception raised, journaled, collapsed by trace key, with
/// its owner and status. A report whose source events are all known changes nothing, so senders may retry freely.
/// Retries are driven by the caller (the gateway) through the source grain; this grain only records their course.
/// </summary>
[GrainType("exception-queue")]
public sealed class ExceptionQueueGrain : JournaledGrain<ExceptionQueueState, ExceptionQueueEvent>, IExceptionQueueGrain
{
    /// <inheritdoc />
    public Task<bool> RaiseAsync(ExceptionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrEmpty(report.TraceKey);
        if (State.IsKnown(report))
        {
            return Task.FromResult(false);
        }

        RaiseEvent(new ExceptionRaised(report, TimeProvider.GetUtcNow()));
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExceptionRecord>> GetAsync(ExceptionCategory? category = null) =>
        QueryAsync(category, null, null);

    /// <inheritdoc />
    public Task<IReadOnlyList<ExceptionRecord>> QueryAsync(ExceptionCategory? category, ExceptionOwner? owner, ExceptionStatus? status) =>
        Task.FromResult<IReadOnlyList<ExceptionRecord>>(State.Records
            .Where(r => (category is null || r.Category == category) && (owner is null || r.Owner == owner) && (status is null || r.Status == status))
            .ToList());

    /// <inheritdoc />
    public Task<ExceptionRecord?> GetOneAsync(string traceKey) => Task.FromResult(State.Find(traceKey));

    /// <inheritdoc />
    public Task<ExceptionRecord> ResolveAsync(string traceKey, string note)
    {
        var record = Require(traceKey);
        if (record.Status != ExceptionStatus.Resolved)
        {
            RaiseEvent(new ExceptionStatusChanged(traceKey, ExceptionStatus.Resolved, TimeProvider.GetUtcNow(), note, Attempt: false));
        }

        return Task.FromResult(State.Find(traceKey)!);
    }

    /// <inheritdoc />
    public Task<ExceptionRecord> BeginRetryAsync(string traceKey)
    {
        var record = Require(traceKey);
        if (record.Status != ExceptionStatus.Retrying)
        {
            RaiseEvent(new ExceptionStatusChanged(traceKey, ExceptionStatus.Retrying, TimeProvider.GetUtcNow(), null, Attempt: false));
        }

        return Task.FromResult(State.Find(traceKey)!);
    }

    /// <inheritdoc />
    public Task<ExceptionRecord> CancelRetryAsync(string traceKey)
    {
        var record = Require(traceKey);
        if (record.Status == ExceptionStatus.Retrying)
        {
            RaiseEvent(new ExceptionStatusChanged(traceKey, ExceptionStatus.Open, TimeProvider.GetUtcNow(), null, Attempt: false));
        }

        return Task.FromResult(State.Find(traceKey)!);
    }

    /// <inheritdoc />
    public Task<ExceptionRecord> CompleteRetryAsync(string traceKey, ExceptionRetryOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var record = Require(traceKey);

        // A replay of a resolved exception that finds nothing wrong leaves it resolved; a failed one reopens it.
        var status = outcome.Resolved ? ExceptionStatus.Resolved : ExceptionStatus.Open;
        if (record.Status == ExceptionStatus.Resolved && outcome.Resolved)
        {
            return Task.FromResult(record);
        }

        RaiseEvent(new ExceptionStatusChanged(traceKey, status, TimeProvider.GetUtcNow(), outcome.Message, Attempt: true));
        return Task.FromResult(State.Find(traceKey)!);
    }

    /// <inheritdoc />
    protected override void TransitionState(ExceptionQueueState state, ExceptionQueueEvent @event) => state.Apply(@event);

    private ExceptionRecord Require(string traceKey) =>
        State.Find(traceKey) ?? throw new ExceptionNotFoundException($"No exception has the trace key '{traceKey}'.");
}
