using Parity.GrainInterfaces.Exceptions;
using Parity.Runtime;
using Parity.Runtime.EventSourcing;

namespace Parity.Grains.Exceptions;

/// <summary>
/// The minimal exception queue: keeps every business exception raised, journaled, collapsed by trace key.
/// A report whose source events are all known changes nothing, so senders may retry freely. The operator
/// console (statuses, resolve, replay) grows from here.
/// </summary>
[GrainType("exception-queue")]
public sealed class ExceptionQueueGrain : JournaledGrain<ExceptionQueueState, ExceptionRaised>, IExceptionQueueGrain
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
        Task.FromResult<IReadOnlyList<ExceptionRecord>>(
            State.Records.Where(r => category is null || r.Category == category).ToList());

    /// <inheritdoc />
    protected override void TransitionState(ExceptionQueueState state, ExceptionRaised @event) => state.Apply(@event);
}
