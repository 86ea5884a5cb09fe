namespace Parity.Gateway.Inventory.Contracts;

/// <summary>Commits a reservation to a shipment: OnHand falls by its quantity and the reservation ends.</summary>
/// <param name="EventId">The channel's id of this shipment.</param>
/// <param name="Sku">SKU of the position holding the reservation.</param>
/// <param name="LocationId">Location of the position holding the reservation.</param>
/// <param name="ReservationId">The reservation id the reserve answer gave.</param>
/// <param name="ShipmentRef">Carrier or shipment reference.</param>
public sealed record ShipReservationRequest(string? EventId, string? Sku, string? LocationId, string? ReservationId, string? ShipmentRef) : ICommandRequest;
