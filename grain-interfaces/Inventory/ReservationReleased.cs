namespace Parity.GrainInterfaces.Inventory;

/// <summary>The owner gave a reservation back (cart emptied, order cancelled).</summary>
/// <param name="ReservationId">The released reservation.</param>
/// <param name="Reason">Why, for the audit trail.</param>
public sealed record ReservationReleased(string ReservationId, string? Reason) : InventoryEvent;
