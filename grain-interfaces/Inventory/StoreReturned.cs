using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A POS return put back on the shelf: OnHand rises. Returns needing a Disposition use <see cref="ReturnReceived"/>.</summary>
/// <param name="Quantity">Units returned.</param>
/// <param name="TicketRef">POS ticket reference.</param>
[GenerateSerializer]
[Alias("parity.inventory.StoreReturned")]
public sealed record StoreReturned([property: Id(0)] int Quantity, [property: Id(1)] string TicketRef) : InventoryEvent;
