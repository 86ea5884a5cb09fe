using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// A notice in a position's outbox, waiting to be delivered: exactly one of <see cref="Preempted"/>,
/// <see cref="Expired"/> and <see cref="NegativeStock"/> is set.
/// </summary>
/// <param name="Id">Unique within the position (one per ended reservation, one per movement).</param>
/// <param name="Sequence">Journal sequence of the event that created it; delivered only once that is durable.</param>
/// <param name="Preempted">A preemption to tell the reservation's owner.</param>
/// <param name="Expired">An expiry to tell the reservation's owner.</param>
/// <param name="NegativeStock">A POS sale beyond OnHand, for the exception queue.</param>
/// <param name="SourceEventId">The command that caused it.</param>
/// <param name="CorrelationId">Correlation id of that command.</param>
public sealed record PendingNotice(
    string Id,
    long Sequence,
    ReservationPreempted? Preempted,
    ReservationExpired? Expired,
    NegativeStock? NegativeStock,
    string? SourceEventId,
    string? CorrelationId);
