namespace Parity.Gateway.Inventory.Contracts;

/// <summary>Unreserved units shipped to another location.</summary>
/// <param name="EventId">The channel's id of this movement.</param>
/// <param name="TransferId">Transfer reference shared by both ends.</param>
/// <param name="Quantity">Units shipped; above zero and at most OnHand − Reserved.</param>
/// <param name="ToLocationId">Destination location.</param>
public sealed record TransferOutRequest(string? EventId, string? TransferId, int? Quantity, string? ToLocationId) : ICommandRequest;
