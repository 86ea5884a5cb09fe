using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// Bookkeeping: a notice of the position's outbox (a preemption or expiry told to the reservation's owner,
/// a NegativeStock report given to the exception queue) was delivered and leaves the outbox. Moves no stock.
/// </summary>
/// <param name="NoticeId">The delivered notice.</param>
[GenerateSerializer]
[Alias("parity.inventory.NoticeDelivered")]
public sealed record NoticeDelivered([property: Id(0)] string NoticeId) : InventoryEvent;
