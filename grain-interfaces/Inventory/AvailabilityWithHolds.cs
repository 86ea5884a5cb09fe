using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>The answer to a <see cref="HoldsQuery"/>.</summary>
/// <param name="AvailableToSell">The channel's ATS here; the held units are not part of it.</param>
/// <param name="Held">Active Order-kind reservations of the order whose request id starts with the query's prefix.</param>
/// <param name="FreshRequestIds">For each of the query's request ids, in order: itself when the position never decided
/// it (or forgot it), else the first of <c>{id}~1</c>, <c>{id}~2</c>, … it never decided. A request id once decided is
/// answered from memory, so reserving anew needs one of these.</param>
[GenerateSerializer]
[Alias("parity.inventory.AvailabilityWithHolds")]
[Immutable]
public sealed record AvailabilityWithHolds(
    [property: Id(0)] int AvailableToSell,
    [property: Id(1)] IReadOnlyList<ReservationInfo> Held,
    [property: Id(2)] IReadOnlyList<string> FreshRequestIds);
