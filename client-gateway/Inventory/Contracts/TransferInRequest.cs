namespace Parity.Gateway.Inventory.Contracts;

/// <summary>A transfer to this location: announced (InTransit rises) or received (OnHand rises).</summary>
/// <param name="EventId">The channel's id of this movement.</param>
/// <param name="TransferId">Transfer reference shared by both ends.</param>
/// <param name="Quantity">Units; above zero.</param>
/// <param name="FromLocationId">Origin location.</param>
public sealed record TransferInRequest(string? EventId, string? TransferId, int? Quantity, string? FromLocationId) : ICommandRequest;
