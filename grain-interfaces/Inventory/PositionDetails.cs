namespace Parity.GrainInterfaces.Inventory;

/// <summary>The full position as the position query returns it.</summary>
/// <param name="Figures">OnHand, Reserved and the other quantities.</param>
/// <param name="Reservations">Active reservations, oldest first.</param>
/// <param name="Availability">ATS per channel under the policy in force.</param>
/// <param name="PendingNotices">Notices (preemptions, expiries, NegativeStock reports) not yet delivered.</param>
/// <param name="RememberedRequests">Reserve request ids remembered with their outcome.</param>
public sealed record PositionDetails(
    PositionFigures Figures,
    IReadOnlyList<ReservationInfo> Reservations,
    PositionAvailability Availability,
    int PendingNotices,
    int RememberedRequests);
