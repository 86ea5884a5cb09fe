using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// Bookkeeping: the movement command <paramref name="EventId"/> was decided with <paramref name="Result"/>.
/// Raised after the movement's own events, in the same turn, so a retry of the command gets the original
/// result and no second movement. Moves no stock.
/// </summary>
/// <param name="EventId">The command's source event id (idempotency key).</param>
/// <param name="Result">What the caller was answered.</param>
/// <param name="CorrelationId">Correlation id of the request, carried into exception reports.</param>
/// <param name="Fingerprint">What the command asked, in business words with a hash of its content, so a reuse of the
/// event id for other content is refused; null in events recorded before it existed.</param>
[GenerateSerializer]
[Alias("parity.inventory.MovementRecorded")]
public sealed record MovementRecorded(
    [property: Id(0)] string EventId,
    [property: Id(1)] MovementResult Result,
    [property: Id(2)] string? CorrelationId,
    [property: Id(3)] string? Fingerprint = null) : InventoryEvent;
