using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.StoreDays;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    private static IEnumerable<ContractSample> StoreDays()
    {
        PosTicketLine[] ticketLines = [new(PosLineType.Return, "SKU-123", 2, 9.99m, 4.20m, true), PosTicketLine.GiftCard(25m, 0.5m)];
        PosTender[] tenders = [new("cash", 24.18m), new("card", -19.98m)];
        PosTicket[] tickets = [new("T-77", At, ticketLines, tenders), new("T-78", Later, ticketLines[..1], tenders[1..])];
        PosTicketOutcome[] outcomes = [new("T-77", PosTicketStatus.RecordedLate), new("T-78", PosTicketStatus.Conflict)];
        var totals = new StoreDayTotals(3, 59.97m, 9.99m, 10.49m, new Dictionary<string, decimal> { ["cash"] = 20m, ["card"] = 40.46m })
        {
            GiftCardsSold = 25m,
            Cogs = new Dictionary<string, decimal> { ["SKU-123"] = 12.5m, ["SKU-9"] = 3.10m },
        };

        yield return ContractSample.Of(ticketLines[0]);
        yield return ContractSample.Of(tenders[0]);
        yield return ContractSample.Of(tickets[0]);
        yield return ContractSample.Of(new PosBatch("B-1", tickets));
        yield return ContractSample.Of(outcomes[0]);
        yield return ContractSample.Of(new PosBatchOutcome("B-1", "STORE-042:2026-03-14", outcomes, "adjustment:STORE-042:2026-03-14:B-1"));
        yield return ContractSample.Of(totals);
        yield return ContractSample.Of(new StoreDayView(
            "STORE-042", Day, StoreDayStatus.Closed, PostingGranularity.PerTicket, "NL01", "EUR", 3, totals, totals with { Tickets = 1 }, Later, 2,
            ["fact-1", "fact-2"], ["fact-3", "fact-4"]));
        yield return ContractSample.Of(new StoreDayKey("STORE-042", Day));
        yield return ContractSample.Of(PosLineType.GiftCard);
        yield return ContractSample.Of(PosTicketStatus.Conflict);
        yield return ContractSample.Of(PostingGranularity.PerTicket);
        yield return ContractSample.Of(StoreDayStatus.Closed);
        yield return ContractSample.Of(WithData(new InvalidPosBatchException("Ticket T-77 does not balance: 24.18 taken, 4.20 due.")));

        // Tax codes (issue 15): a line's code, tax per code, and a held summary shown as held.
        var taxed = totals with { TaxByCode = new Dictionary<string, decimal> { ["US-SALES"] = 8.49m, ["VAT20"] = 2m } };
        var held = new StoreDayHeldPosting("store-day:STORE-042:2026-03-14", Parity.GrainInterfaces.Exceptions.ExceptionCategory.UnmappedTaxCode,
            "posting/NL01/UnmappedTaxCode/StoreDaySummary:tax 'GST'", "No posting rule maps tax 'GST' of a StoreDaySummary fact.");
        yield return ContractSample.Of(ticketLines[0] with { TaxCode = "US-SALES" }, "tax");
        yield return ContractSample.Of(taxed, "tax");
        yield return ContractSample.Of(held);
        yield return ContractSample.Of(new StoreDayView(
            "STORE-042", Day, StoreDayStatus.Closed, PostingGranularity.Summary, "NL01", "USD", 3, taxed, totals with { Tickets = 1 }, Later, 0,
            [], ["fact-3"], [held, held with { FactId = "fact-5", ExceptionId = null }]), "held");
        yield return ContractSample.Of(new StoreDayView(
            "STORE-042", Day, StoreDayStatus.Open, PostingGranularity.Summary, "NL01", "EUR", 2, totals, totals with { Tickets = 0 }, null, 1,
            ["fact-1"], [], [held], ["Batch 'B-1' holds amounts beyond the money bounds.", "Batch 'B-2' holds amounts beyond the money bounds."]), "problems");
        yield return ContractSample.Of(WithData(new InvalidPosBatchException("Ticket 'T-77' line 2 has tax code 'GST', which no posting rule maps.", "T-77", 1, "taxCode")), "line");

        // Bought online, returned in store (issue 15): a return naming its order line, and the refunds the till paid.
        yield return ContractSample.Of(new PosTicketLine(PosLineType.Return, "SKU-123", 1, 50m, 10m, false, OriginalOrderId: "web:1001", OriginalLineId: "L1"), "boris");
        yield return ContractSample.Of(taxed with { OrderRefunds = 60m }, "boris");
        yield return ContractSample.Of(WithData(new PosReturnRefusedException("T-77", 1, StoreReturnField.Quantity, "Line 'L1' of order web:1001 has 1 shipped unit(s) not yet returned; the store returns 2.")));
    }
}
