using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>The owner gave a reservation back (cart emptied, order cancelled).</summary>
/// <param name="ReservationId">The released reservation.</param>
/// <param name="Reason">Why, for the audit trail.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReservationReleased")]
public sealed record ReservationReleased(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string? Reason) : InventoryEvent;
