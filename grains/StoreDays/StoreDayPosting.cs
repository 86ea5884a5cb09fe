using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.StoreDays;

namespace Parity.Grains.StoreDays;

/// <summary>
/// Turns store-day tickets into business facts for ERP posting. Every fact balances by construction: net revenue plus
/// net tax equals the net tenders, because only balanced tickets are recorded. Fact ids are deterministic, so a fact
/// queued again after a crash is recognised by posting as the same one.
/// </summary>
public static class StoreDayPosting
{
    /// <summary>The source system named in every store-day fact's lineage.</summary>
    public const string SourceSystem = "pos";

    /// <summary>The channel dimension of store-day facts.</summary>
    public const string Channel = "pos";

    /// <summary>Fact id of one ticket posted on its own.</summary>
    public static string TicketFactId(StoreDayKey day, string ticketId) => $"pos-ticket:{day}:{ticketId}";

    /// <summary>Fact id of a day's summary.</summary>
    public static string SummaryFactId(StoreDayKey day) => $"store-day:{day}";

    /// <summary>Fact id of the adjustment made of one late batch.</summary>
    public static string AdjustmentFactId(StoreDayKey day, string batchId) => $"store-day-adjustment:{day}:{batchId}";

    /// <summary>One ticket (per-ticket granularity).</summary>
    public static BusinessFact Ticket(StoreDayKey day, StoreDaySettings settings, PosTicket ticket, string batchId, string correlationId) =>
        Fact(TicketFactId(day, ticket.TicketId), BusinessFactKind.PosTicket, day, settings, ticket.OccurredAt,
            Amounts(StoreDayTotals.Empty.Add(ticket)), correlationId, [batchId, ticket.TicketId]);

    /// <summary>The day's summary at close: the totals of every ticket recorded while open; lineage names the batches.</summary>
    public static BusinessFact Summary(StoreDayKey day, StoreDaySettings settings, StoreDayTotals totals, IReadOnlyList<string> batchIds, DateTimeOffset closedAt, string correlationId) =>
        Fact(SummaryFactId(day), BusinessFactKind.StoreDaySummary, day, settings, closedAt, Amounts(totals), correlationId, batchIds);

    /// <summary>The late tickets of one batch for a closed day.</summary>
    public static BusinessFact Adjustment(StoreDayKey day, StoreDaySettings settings, string batchId, IReadOnlyList<PosTicket> tickets, DateTimeOffset recordedAt, string correlationId)
    {
        var totals = tickets.Aggregate(StoreDayTotals.Empty, static (sum, t) => sum.Add(t));
        return Fact(AdjustmentFactId(day, batchId), BusinessFactKind.StoreDayAdjustment, day, settings, recordedAt, Amounts(totals), correlationId,
            [batchId, .. tickets.Select(t => t.TicketId)]);
    }

    /// <summary>Revenue and tax net of returns, then net tenders per method (zero tenders left out), in a stable order.</summary>
    public static IReadOnlyList<FactAmount> Amounts(StoreDayTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var amounts = new List<FactAmount>
        {
            new(FactAmountTypes.Revenue, totals.NetRevenue),
            new(FactAmountTypes.Tax, totals.Tax),
        };
        foreach (var (method, amount) in totals.Tenders.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (amount != 0)
            {
                amounts.Add(new FactAmount(FactAmountTypes.Tender, amount, method));
            }
        }

        return amounts;
    }

    private static BusinessFact Fact(
        string factId, BusinessFactKind kind, StoreDayKey day, StoreDaySettings settings, DateTimeOffset occurredAt,
        IReadOnlyList<FactAmount> amounts, string correlationId, IReadOnlyList<string> sourceEventIds) =>
        new(factId, kind, settings.LegalEntity, Channel, day.Store, settings.Currency, occurredAt, amounts,
            new FactLineage(correlationId, SourceSystem, sourceEventIds));
}
