using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>The full position as the position query returns it.</summary>
/// <param name="Figures">OnHand, Reserved and the other quantities.</param>
/// <param name="Reservations">Active reservations, oldest first.</param>
/// <param name="Availability">ATS per channel under the policy in force.</param>
/// <param name="PendingNotices">Notices (preemptions, expiries, NegativeStock reports) not yet delivered.</param>
/// <param name="RememberedRequests">Reserve request ids remembered with their outcome.</param>
[GenerateSerializer]
[Alias("parity.inventory.PositionDetails")]
public sealed record PositionDetails(
    [property: Id(0)] PositionFigures Figures,
    [property: Id(1)] IReadOnlyList<ReservationInfo> Reservations,
    [property: Id(2)] PositionAvailability Availability,
    [property: Id(3)] int PendingNotices,
    [property: Id(4)] int RememberedRequests);
