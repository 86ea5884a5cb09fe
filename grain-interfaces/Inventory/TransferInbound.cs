namespace Parity.GrainInterfaces.Inventory;

/// <summary>A transfer to this location was shipped: its units count as InTransit here until received.</summary>
/// <param name="TransferId">Transfer reference shared by both ends.</param>
/// <param name="Quantity">Units on the way.</param>
/// <param name="FromLocationId">Origin location.</param>
public sealed record TransferInbound(string TransferId, int Quantity, string FromLocationId) : InventoryEvent;
