using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory.Contracts;

/// <summary>The answer to a stock movement.</summary>
/// <param name="Position">The position moved, <c>SKU@LOCATION</c>.</param>
/// <param name="EventId">The movement's event id.</param>
/// <param name="Preempted">Reservations the movement took back (their owners are told).</param>
public sealed record MovementResponse(string Position, string EventId, IReadOnlyList<PreemptedReservation> Preempted)
{
    /// <summary>Builds the answer from the grain's result.</summary>
    public static MovementResponse From(PositionKey position, string eventId, MovementResult result) =>
        new(position.ToString(), eventId, result.Preempted.Select(p => new PreemptedReservation(p.ReservationId, p.ChannelId, p.OrderRef, p.Quantity, p.Cause)).ToList());
}

/// <summary>A reservation taken back by a movement.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="ChannelId">Its channel.</param>
/// <param name="OrderRef">Its owner.</param>
/// <param name="Quantity">Units it held.</param>
/// <param name="Cause">The movement that forced it.</param>
public sealed record PreemptedReservation(string ReservationId, string ChannelId, string OrderRef, int Quantity, PreemptionCause Cause);
