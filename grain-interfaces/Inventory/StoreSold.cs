using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// A POS sale: a fact, always recorded. OnHand falls by <c>Quantity − Shortfall</c>; a non-zero
/// <paramref name="Shortfall"/> is what the till sold beyond OnHand, kept here instead of driving OnHand
/// below zero, and reported as a NegativeStock exception.
/// </summary>
/// <param name="Quantity">Units on the ticket.</param>
/// <param name="Shortfall">Units sold that OnHand did not hold.</param>
/// <param name="TicketRef">POS ticket reference.</param>
[GenerateSerializer]
[Alias("parity.inventory.StoreSold")]
public sealed record StoreSold(
    [property: Id(0)] int Quantity,
    [property: Id(1)] int Shortfall,
    [property: Id(2)] string TicketRef) : InventoryEvent;
