using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A reservation was committed to a shipment: OnHand falls by its quantity and the reservation ends.</summary>
/// <param name="ReservationId">The shipped reservation.</param>
/// <param name="Quantity">Units shipped (the reservation's quantity).</param>
/// <param name="ShipmentRef">Carrier or shipment reference.</param>
[GenerateSerializer]
[Alias("parity.inventory.Shipped")]
public sealed record Shipped(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string ShipmentRef) : InventoryEvent;
