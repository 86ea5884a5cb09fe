namespace Parity.GrainInterfaces.Inventory;

/// <summary>Units received into OnHand; <paramref name="IncomingSettled"/> of them had been Incoming.</summary>
/// <param name="Quantity">Units received.</param>
/// <param name="IncomingSettled">Units taken off Incoming (never more than Incoming was).</param>
/// <param name="Reference">Receipt, purchase order or ASN reference.</param>
public sealed record InventoryReceived(int Quantity, int IncomingSettled, string? Reference) : InventoryEvent;
