namespace Parity.GrainInterfaces.Inventory;

/// <summary>A Cart reservation reached its expires-at and was released.</summary>
/// <param name="ReservationId">The expired reservation.</param>
/// <param name="OrderRef">Owning cart, so it can be told.</param>
/// <param name="ExpiresAt">The expiry that was due.</param>
public sealed record ReservationExpired(string ReservationId, string OrderRef, DateTimeOffset ExpiresAt) : InventoryEvent;
