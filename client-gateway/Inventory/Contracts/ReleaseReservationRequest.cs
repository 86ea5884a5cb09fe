namespace Parity.Gateway.Inventory.Contracts;

/// <summary>Gives a reservation back (cart emptied, order cancelled).</summary>
/// <param name="EventId">The channel's id of this release.</param>
/// <param name="Sku">SKU of the position holding the reservation.</param>
/// <param name="LocationId">Location of the position holding the reservation.</param>
/// <param name="ReservationId">The reservation id the reserve answer gave.</param>
/// <param name="Reason">Why, for the audit trail.</param>
public sealed record ReleaseReservationRequest(string? EventId, string? Sku, string? LocationId, string? ReservationId, string? Reason) : ICommandRequest;
