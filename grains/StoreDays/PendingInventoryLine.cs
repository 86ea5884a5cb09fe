using Parity.GrainInterfaces.StoreDays;

namespace Parity.Grains.StoreDays;

/// <summary>A ticket line not yet recorded on its inventory position.</summary>
/// <param name="EventId">Idempotency key at the position: <c>pos:{store}:{date}:{ticket}:{line}</c>.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="Type">Sale or return.</param>
/// <param name="Sku">The item; the position is <c>{sku}@{store}</c>.</param>
/// <param name="Quantity">Units.</param>
/// <param name="Restock">For returns: back on the shelf.</param>
/// <param name="OriginalOrderId">For a return of another channel's order: the order, which records the return and
/// restocks the units at the store (the position is then not called by the store day).</param>
/// <param name="OriginalLineId">The order's line.</param>
/// <param name="OccurredAt">When the ticket was rung up (the order's return date).</param>
public sealed record PendingInventoryLine(
    string EventId, string TicketId, PosLineType Type, string Sku, int Quantity, bool Restock,
    string? OriginalOrderId = null, string? OriginalLineId = null, DateTimeOffset? OccurredAt = null);
