namespace Parity.GrainInterfaces.Inventory;

/// <summary>A reservation was committed to a shipment: OnHand falls by its quantity and the reservation ends.</summary>
/// <param name="ReservationId">The shipped reservation.</param>
/// <param name="Quantity">Units shipped (the reservation's quantity).</param>
/// <param name="ShipmentRef">Carrier or shipment reference.</param>
public sealed record Shipped(string ReservationId, int Quantity, string ShipmentRef) : InventoryEvent;
