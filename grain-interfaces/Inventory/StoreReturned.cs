namespace Parity.GrainInterfaces.Inventory;

/// <summary>A POS return put back on the shelf: OnHand rises. Returns needing a Disposition use <see cref="ReturnReceived"/>.</summary>
/// <param name="Quantity">Units returned.</param>
/// <param name="TicketRef">POS ticket reference.</param>
public sealed record StoreReturned(int Quantity, string TicketRef) : InventoryEvent;
