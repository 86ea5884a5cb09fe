using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// Builds a request's outcome from the event that recorded it. The decider and the fold both use this, so
/// the outcome a retry gets from the folded state is exactly the one first returned.
/// </summary>
internal static class ReservationOutcomes
{
    public static ReservationOutcome From(Reserved e) =>
        new(e.RequestId, ReservationStatus.Accepted, e.ReservationId, e.Quantity, null, null, e.PolicyVersion);

    public static ReservationOutcome From(ReservationRequestRejected e) =>
        new(e.RequestId, ReservationStatus.Rejected, null, e.Requested, e.Available, e.Reason, e.PolicyVersion);
}
