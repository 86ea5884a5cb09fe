using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// A POS sale sold more than OnHand held. The sale is recorded, OnHand stops at zero, and this report goes
/// to the exception queue (category NegativeStock, owner store ops) for a count or a missing receipt.
/// </summary>
/// <param name="Position">Where it happened.</param>
/// <param name="TicketRef">The POS ticket.</param>
/// <param name="Quantity">Units on the ticket.</param>
/// <param name="OnHandBefore">OnHand when the sale arrived.</param>
/// <param name="Shortfall">Units sold beyond OnHand.</param>
[GenerateSerializer]
[Alias("parity.inventory.NegativeStock")]
public sealed record NegativeStock(
    [property: Id(0)] PositionKey Position,
    [property: Id(1)] string TicketRef,
    [property: Id(2)] int Quantity,
    [property: Id(3)] int OnHandBefore,
    [property: Id(4)] int Shortfall);
