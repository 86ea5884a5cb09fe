using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// Bookkeeping: the release command <paramref name="EventId"/> was answered with <paramref name="Result"/>, so
/// a retry gets the original answer (released: true) rather than "already ended". Moves no stock.
/// </summary>
/// <param name="EventId">The command's source event id (idempotency key).</param>
/// <param name="Result">What the caller was answered.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReleaseRecorded")]
public sealed record ReleaseRecorded(
    [property: Id(0)] string EventId,
    [property: Id(1)] ReleaseResult Result) : InventoryEvent;
