namespace Parity.GrainInterfaces.Inventory;

/// <summary>Units announced by a purchase order or ASN; they count as Incoming until received.</summary>
/// <param name="Quantity">Units expected.</param>
/// <param name="Reference">Purchase order or ASN reference.</param>
public sealed record IncomingExpected(int Quantity, string Reference) : InventoryEvent;
