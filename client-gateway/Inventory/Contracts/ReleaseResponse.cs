namespace Parity.Gateway.Inventory.Contracts;

/// <summary>The answer to a release.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="LocationId">The location.</param>
/// <param name="ReservationId">The reservation.</param>
/// <param name="Released">True if it was active and is now released; false if it had already ended.</param>
public sealed record ReleaseResponse(string Sku, string LocationId, string ReservationId, bool Released);
