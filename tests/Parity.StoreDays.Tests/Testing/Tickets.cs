using Parity.GrainInterfaces.StoreDays;

namespace Parity.StoreDays.Tests.Testing;

/// <summary>Builds balanced tickets: tenders cover revenue plus tax.</summary>
public static class Tickets
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    public static PosTicketLine Sale(string sku, int quantity, decimal unitPrice, decimal tax) => new(PosLineType.Sale, sku, quantity, unitPrice, tax);

    public static PosTicketLine Return(string sku, int quantity, decimal unitPrice, decimal tax, bool restock = true) =>
        new(PosLineType.Return, sku, quantity, unitPrice, tax, restock);

    public static PosTicketLine GiftCard(decimal amount) => PosTicketLine.GiftCard(amount);

    /// <summary>A ticket paid (or refunded) entirely through <paramref name="method"/>.</summary>
    public static PosTicket Ticket(string ticketId, string method, params PosTicketLine[] lines)
    {
        var draft = new PosTicket(ticketId, At, lines, []);
        return draft with { Tenders = [new PosTender(method, draft.NetRevenue + draft.NetTax + draft.GiftCardsSold)] };
    }

    public static PosBatch Batch(string batchId, params PosTicket[] tickets) => new(batchId, tickets);
}
