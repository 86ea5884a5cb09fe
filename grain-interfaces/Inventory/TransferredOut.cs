namespace Parity.GrainInterfaces.Inventory;

/// <summary>Units left this location on a transfer: OnHand falls. The destination counts them InTransit.</summary>
/// <param name="TransferId">Transfer reference shared by both ends.</param>
/// <param name="Quantity">Units shipped.</param>
/// <param name="ToLocationId">Destination location.</param>
public sealed record TransferredOut(string TransferId, int Quantity, string ToLocationId) : InventoryEvent;
