using Parity.GrainInterfaces.StoreDays;

namespace Parity.Grains.StoreDays;

/// <summary>A ticket line not yet recorded on its inventory position.</summary>
/// <param name="EventId">Idempotency key at the position: <c>pos:{store}:{date}:{ticket}:{line}</c>.</param>
/// <param name="TicketId">The ticket.</param>
/// <param name="Type">Sale or return.</param>
/// <param name="Sku">The item; the position is <c>{sku}@{store}</c>.</param>
/// <param name="Quantity">Units.</param>
/// <param name="Restock">For returns: back on the shelf.</param>
public sealed record PendingInventoryLine(string EventId, string TicketId, PosLineType Type, string Sku, int Quantity, bool Restock);
