using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A Cart reservation reached its expires-at and was released.</summary>
/// <param name="ReservationId">The expired reservation.</param>
/// <param name="OrderRef">Owning cart, so it can be told.</param>
/// <param name="ExpiresAt">The expiry that was due.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReservationExpired")]
public sealed record ReservationExpired(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string OrderRef,
    [property: Id(2)] DateTimeOffset ExpiresAt) : InventoryEvent;
