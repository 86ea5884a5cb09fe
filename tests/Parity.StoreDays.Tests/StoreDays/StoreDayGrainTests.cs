using Orleans.Runtime;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.StoreDays;
using Parity.Providers.Journal;
using Parity.StoreDays.Tests.Testing;
using static Parity.StoreDays.Tests.Testing.StoreDayClusterFixture;
using static Parity.StoreDays.Tests.Testing.StoreDaySiloOptions;
using static Parity.StoreDays.Tests.Testing.Tickets;

namespace Parity.StoreDays.Tests.StoreDays;

[Collection(StoreDayClusterCollection.Name)]
public sealed class StoreDayGrainTests(StoreDayClusterFixture fixture)
{
    [Fact]
    public async Task Batch_SalesAndReturns_MoveOnHandAndTotals()
    {
        var date = NewDate();
        var shirt = await fixture.NewPositionAsync(SummaryStore, 10);
        var mug = await fixture.NewPositionAsync(SummaryStore, 4);
        var day = fixture.Day(SummaryStore, date);

        var outcome = await day.SubmitBatchAsync(Batch("B-1",
            Ticket("T-1", "card", Sale(shirt.Sku, 3, 20m, 4.80m), Sale(mug.Sku, 1, 8.50m, 0.68m)),
            Ticket("T-2", "cash", Return(shirt.Sku, 1, 20m, 1.60m)),
            Ticket("T-3", "cash", Return(mug.Sku, 1, 8.50m, 0.68m, restock: false))));

        Assert.All(outcome.Tickets, t => Assert.Equal(PosTicketStatus.Recorded, t.Status));
        Assert.Equal(10 - 3 + 1, await fixture.OnHandAsync(shirt));
        Assert.Equal(4 - 1, await fixture.OnHandAsync(mug));
        var view = await day.GetAsync();
        Assert.Equal(StoreDayStatus.Open, view.Status);
        Assert.Equal(0, view.PendingInventoryLines);
        Assert.Equal(3, view.Totals.Tickets);
        Assert.Equal(68.50m, view.Totals.SalesRevenue);
        Assert.Equal(28.50m, view.Totals.ReturnsRevenue);
        Assert.Equal(4.80m + 0.68m - 1.60m - 0.68m, view.Totals.Tax);
        Assert.Equal(60m + 4.80m + 8.50m + 0.68m, view.Totals.Tenders["card"]);
        Assert.Equal(-21.60m - 9.18m, view.Totals.Tenders["cash"]);
        Assert.Equal("EUR", view.Currency);
    }

    [Fact]
    public async Task Batch_ResentUnderItsId_ReturnsOriginalOutcomeAndChangesNothing()
    {
        var date = NewDate();
        var sku = await fixture.NewPositionAsync(TicketStore, 10);
        var day = fixture.Day(TicketStore, date);
        var batch = Batch("B-1", Ticket("T-1", "card", Sale(sku.Sku, 2, 10m, 2m)));
        var first = await day.SubmitBatchAsync(batch);
        var dayJournal = await fixture.DayJournalLengthAsync(TicketStore, date);
        var positionJournal = await fixture.PositionJournalLengthAsync(sku);

        var again = await day.SubmitBatchAsync(batch with { Tickets = [.. batch.Tickets] });

        Assert.Equal(first.Tickets, again.Tickets);
        Assert.Equal(first.BatchId, again.BatchId);
        Assert.Equal(dayJournal, await fixture.DayJournalLengthAsync(TicketStore, date));
        Assert.Equal(positionJournal, await fixture.PositionJournalLengthAsync(sku));
        Assert.Equal(8, await fixture.OnHandAsync(sku));
        Assert.Single(RecordingPostingIntakeGrain.FactsOf(TicketEntity), f => f.FactId == StoreDayPostingFactId(TicketStore, date, "T-1"));
    }

    [Fact]
    public async Task Ticket_InAnotherBatch_IsADuplicateOrAConflictAndCountsOnce()
    {
        var date = NewDate();
        var sku = await fixture.NewPositionAsync(SummaryStore, 10);
        var day = fixture.Day(SummaryStore, date);
        await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale(sku.Sku, 2, 10m, 2m))));

        var outcome = await day.SubmitBatchAsync(Batch("B-2",
            Ticket("T-1", "card", Sale(sku.Sku, 2, 10m, 2m)),
            Ticket("T-2", "card", Sale(sku.Sku, 1, 10m, 1m)),
            Ticket("T-1", "cash", Sale(sku.Sku, 5, 10m, 5m))));

        Assert.Equal([PosTicketStatus.Duplicate, PosTicketStatus.Recorded, PosTicketStatus.Conflict], outcome.Tickets.Select(t => t.Status));
        Assert.Equal(7, await fixture.OnHandAsync(sku));
        var view = await day.GetAsync();
        Assert.Equal(2, view.Totals.Tickets);
        Assert.Equal(33m, view.Totals.Tenders["card"]);
        Assert.False(view.Totals.Tenders.ContainsKey("cash"));
    }

    [Fact]
    public async Task BatchId_ReusedWithOtherContent_IsRefusedAndChangesNothing()
    {
        var date = NewDate();
        var sku = await fixture.NewPositionAsync(SummaryStore, 10);
        var day = fixture.Day(SummaryStore, date);
        await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale(sku.Sku, 2, 10m, 2m))));
        var journal = await fixture.DayJournalLengthAsync(SummaryStore, date);

        var error = await Assert.ThrowsAsync<Parity.GrainInterfaces.IdReusedException>(() =>
            day.SubmitBatchAsync(Batch("B-1", Ticket("T-9", "card", Sale(sku.Sku, 5, 10m, 2m)))));

        Assert.Equal(("B-1", "a batch of tickets T-1"), (error.Id, error.Recorded));
        Assert.Equal(journal, await fixture.DayJournalLengthAsync(SummaryStore, date));
        Assert.Equal(8, await fixture.OnHandAsync(sku));
    }

    [Fact]
    public async Task Batch_UnbalancedTicket_IsRefusedWhole()
    {
        var date = NewDate();
        var sku = await fixture.NewPositionAsync(SummaryStore, 10);
        var day = fixture.Day(SummaryStore, date);
        var balanced = Ticket("T-1", "card", Sale(sku.Sku, 1, 10m, 1m));
        var unbalanced = Ticket("T-2", "card", Sale(sku.Sku, 1, 10m, 1m)) with { Tenders = [new PosTender("card", 10m)] };

        var error = await Assert.ThrowsAsync<InvalidPosBatchException>(() => day.SubmitBatchAsync(Batch("B-1", balanced, unbalanced)));

        Assert.Contains("T-2", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.DayJournalLengthAsync(SummaryStore, date));
        Assert.Equal(10, await fixture.OnHandAsync(sku));
    }

    [Fact]
    public async Task PerTicket_EachTicketBecomesABalancedFactWithLineage()
    {
        var date = NewDate();
        var sku = await fixture.NewPositionAsync(TicketStore, 10);
        var day = fixture.Day(TicketStore, date);
        ParityRequestContext.CorrelationId = "corr-per-ticket";
        try
        {
            await day.SubmitBatchAsync(Batch("B-1",
                Ticket("T-1", "card", Sale(sku.Sku, 2, 12.50m, 2.50m)),
                Ticket("T-2", "cash", Return(sku.Sku, 1, 12.50m, 1.25m))));
        }
        finally
        {
            RequestContext.Clear();
        }

        var facts = RecordingPostingIntakeGrain.FactsOf(TicketEntity).Where(f => f.Location == TicketStore && f.FactId.Contains(date.ToString("yyyy-MM-dd"), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, facts.Count);
        Assert.All(facts, f =>
        {
            Assert.Equal(BusinessFactKind.PosTicket, f.Kind);
            Assert.Equal(TicketEntity, f.LegalEntity);
            Assert.Equal("pos", f.Lineage.SourceSystem);
            Assert.Equal("corr-per-ticket", f.Lineage.CorrelationId);
            Assert.Contains("B-1", f.Lineage.SourceEventIds);
            AssertBalanced(f);
        });
        var sale = facts.Single(f => f.FactId == StoreDayPostingFactId(TicketStore, date, "T-1"));
        Assert.Equal(25m, Amount(sale, FactAmountTypes.Revenue));
        Assert.Equal(27.50m, Amount(sale, FactAmountTypes.Tender, "card"));
        var refund = facts.Single(f => f.FactId == StoreDayPostingFactId(TicketStore, date, "T-2"));
        Assert.Equal(-12.50m, Amount(refund, FactAmountTypes.Revenue));
        Assert.Equal(-13.75m, Amount(refund, FactAmountTypes.Tender, "cash"));
        var view = await day.GetAsync();
        Assert.Empty(view.PendingPostings);
        Assert.Equal(2, view.PostedFacts.Count);

        // Per-ticket days post nothing more at close.
        await day.CloseAsync();
        Assert.Equal(2, RecordingPostingIntakeGrain.FactsOf(TicketEntity).Count(f => f.FactId.Contains(new StoreDayKey(TicketStore, date).ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Summary_PostsNothingUntilCloseThenOneBalancedSummary()
    {
        var date = NewDate();
        var key = new StoreDayKey(SummaryStore, date);
        var sku = await fixture.NewPositionAsync(SummaryStore, 10);
        var day = fixture.Day(SummaryStore, date);
        await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale(sku.Sku, 2, 10m, 1.60m))));
        await day.SubmitBatchAsync(Batch("B-2", Ticket("T-2", "cash", Sale(sku.Sku, 1, 10m, 0.80m)), Ticket("T-3", "card", Return(sku.Sku, 1, 10m, 0.80m))));
        Assert.DoesNotContain(RecordingPostingIntakeGrain.FactsOf(SummaryEntity), f => f.FactId.Contains(key.ToString(), StringComparison.Ordinal));

        var closed = await day.CloseAsync();
        var again = await day.CloseAsync();

        Assert.Equal(StoreDayStatus.Closed, closed.Status);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(closed.ClosedAt, again.ClosedAt);
        var summary = Assert.Single(RecordingPostingIntakeGrain.FactsOf(SummaryEntity), f => f.FactId.Contains(key.ToString(), StringComparison.Ordinal));
        Assert.Equal(BusinessFactKind.StoreDaySummary, summary.Kind);
        Assert.Equal("EUR", summary.Currency);
        Assert.Equal(["B-1", "B-2"], summary.Lineage.SourceEventIds);
        Assert.Equal(20m, Amount(summary, FactAmountTypes.Revenue));
        Assert.Equal(1.60m, Amount(summary, FactAmountTypes.Tax));
        Assert.Equal(10.80m, Amount(summary, FactAmountTypes.Tender, "card"));
        Assert.Equal(10.80m, Amount(summary, FactAmountTypes.Tender, "cash"));
        AssertBalanced(summary);
        Assert.Equal([summary.FactId], again.PostedFacts);
    }

    [Fact]
    public async Task LateTicket_AfterClose_BecomesAnAdjustmentAndLeavesTheSummary()
    {
        var date = NewDate();
        var key = new StoreDayKey(SummaryStore, date);
        var sku = await fixture.NewPositionAsync(SummaryStore, 10);
        var day = fixture.Day(SummaryStore, date);
        await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale(sku.Sku, 2, 10m, 2m))));
        await day.CloseAsync();
        var summaryBefore = RecordingPostingIntakeGrain.FactsOf(SummaryEntity).Single(f => f.FactId == $"store-day:{key}");

        var outcome = await day.SubmitBatchAsync(Batch("B-LATE", Ticket("T-1", "card", Sale(sku.Sku, 2, 10m, 2m)), Ticket("T-9", "cash", Sale(sku.Sku, 1, 10m, 1m))));

        Assert.Equal([PosTicketStatus.Duplicate, PosTicketStatus.RecordedLate], outcome.Tickets.Select(t => t.Status));
        Assert.Equal($"store-day-adjustment:{key}:B-LATE", outcome.AdjustmentFactId);
        var facts = RecordingPostingIntakeGrain.FactsOf(SummaryEntity).Where(f => f.FactId.Contains(key.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(2, facts.Count);
        Assert.Same(summaryBefore, facts.Single(f => f.Kind == BusinessFactKind.StoreDaySummary));
        var adjustment = facts.Single(f => f.Kind == BusinessFactKind.StoreDayAdjustment);
        Assert.Equal(outcome.AdjustmentFactId, adjustment.FactId);
        Assert.Equal(["B-LATE", "T-9"], adjustment.Lineage.SourceEventIds);
        Assert.Equal(10m, Amount(adjustment, FactAmountTypes.Revenue));
        AssertBalanced(adjustment);
        var view = await day.GetAsync();
        Assert.Equal(1, view.Totals.Tickets);
        Assert.Equal(1, view.LateTotals.Tickets);
        Assert.Equal(7, await fixture.OnHandAsync(sku));
    }

    [Fact]
    public async Task Sale_BeyondOnHand_IsRecordedAndReportedAsNegativeStock()
    {
        var date = NewDate();
        var sku = await fixture.NewPositionAsync(SummaryStore, 1);
        var day = fixture.Day(SummaryStore, date);

        var outcome = await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale(sku.Sku, 3, 5m, 0m))));

        Assert.Equal(PosTicketStatus.Recorded, Assert.Single(outcome.Tickets).Status);
        Assert.Equal(0, await fixture.OnHandAsync(sku));
        Assert.Equal(15m, (await day.GetAsync()).Totals.SalesRevenue);
        var queue = fixture.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        await WaitUntilAsync(
            async () => (await queue.GetAsync(ExceptionCategory.NegativeStock)).Any(r => r.TraceKey == $"NegativeStock/{sku}"),
            "the position reports the sale beyond OnHand");
    }

    [Fact]
    public async Task FailedHandOff_DoesNotFailTheBatchAndIsRetriedUntilAccepted()
    {
        var date = NewDate();
        var key = new StoreDayKey(FlakyStore, date);
        var sku = await fixture.NewPositionAsync(FlakyStore, 10);
        var day = fixture.Day(FlakyStore, date);
        RecordingPostingIntakeGrain.FailNext(FlakyEntity, 3);

        var outcome = await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale(sku.Sku, 1, 10m, 1m))));

        Assert.Equal(PosTicketStatus.Recorded, Assert.Single(outcome.Tickets).Status);
        Assert.Equal(9, await fixture.OnHandAsync(sku));
        var factId = StoreDayPostingFactId(FlakyStore, date, "T-1");
        Assert.Equal([factId], (await day.GetAsync()).PendingPostings);
        Assert.DoesNotContain(RecordingPostingIntakeGrain.FactsOf(FlakyEntity), f => f.FactId == factId);
        Assert.Contains("store-day-retry", await fixture.RemindersAsync("store-day", key.ToString()));

        await WaitUntilAsync(async () => (await day.GetAsync()).PendingPostings.Count == 0, "the reminder hands the fact off");
        Assert.Single(RecordingPostingIntakeGrain.FactsOf(FlakyEntity), f => f.FactId == factId);
        Assert.Equal([factId], (await day.GetAsync()).PostedFacts);
        await WaitUntilAsync(
            async () => (await fixture.RemindersAsync("store-day", key.ToString())).Count == 0,
            "the reminder is removed once nothing is pending");
    }

    [Fact]
    public async Task PerTicket_SalePostsCogsAtUnitCost_ARestockedReturnReversesIt_ANotRestockedOneDoesNot()
    {
        var date = NewDate();
        var key = new StoreDayKey(TicketStore, date);
        var uncosted = await fixture.NewPositionAsync(TicketStore, 10);
        var day = fixture.Day(TicketStore, date);

        await day.SubmitBatchAsync(Batch("B-1",
            Ticket("T-1", "card", Sale(CostedSku, 3, 30m, 0m), Sale(OtherCostedSku, 1, 15m, 0m), Sale(uncosted.Sku, 1, 5m, 0m)),
            Ticket("T-2", "cash", Return(CostedSku, 1, 30m, 0m)),
            Ticket("T-3", "cash", Return(CostedSku, 1, 30m, 0m, restock: false))));

        var facts = FactsOfDay(TicketEntity, key);
        Assert.Equal(3, facts.Count);
        var sale = facts.Single(f => f.FactId == StoreDayPostingFactId(TicketStore, date, "T-1"));
        var restocked = facts.Single(f => f.FactId == StoreDayPostingFactId(TicketStore, date, "T-2"));
        var notRestocked = facts.Single(f => f.FactId == StoreDayPostingFactId(TicketStore, date, "T-3"));
        // By hand: 3 × 12.125 = 36.375 → 36.38; 1 × 7; the uncosted SKU posts none. One unit back on the shelf: −12.13.
        Assert.Equal([new FactAmount(FactAmountTypes.Cogs, 36.38m, CostedSku), new FactAmount(FactAmountTypes.Cogs, 7m, OtherCostedSku)],
            sale.Amounts.Where(a => a.Type == FactAmountTypes.Cogs));
        Assert.Equal([new FactAmount(FactAmountTypes.Cogs, -12.13m, CostedSku)], restocked.Amounts.Where(a => a.Type == FactAmountTypes.Cogs));
        Assert.DoesNotContain(notRestocked.Amounts, a => a.Type == FactAmountTypes.Cogs);
        Assert.All(facts, AssertBalanced);

        // The same costs, accumulated as the tickets arrived, are in the day's totals.
        var view = await day.GetAsync();
        Assert.Equal(36.38m - 12.13m, view.Totals.Cogs[CostedSku]);
        Assert.Equal(7m, view.Totals.Cogs[OtherCostedSku]);
        Assert.False(view.Totals.Cogs.ContainsKey(uncosted.Sku));
    }

    [Fact]
    public async Task Summary_AccumulatesCogsAndGiftCardsAsTicketsArrive_AndPostsThemAtClose()
    {
        var date = NewDate();
        var key = new StoreDayKey(SummaryStore, date);
        var day = fixture.Day(SummaryStore, date);
        await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale(CostedSku, 2, 30m, 6m))));
        await day.SubmitBatchAsync(Batch("B-2",
            Ticket("T-2", "card", Return(CostedSku, 1, 30m, 3m)),
            Ticket("T-3", "cash", GiftCard(50m), Sale(OtherCostedSku, 1, 15m, 1.50m))));

        // Before close nothing is posted, but the totals already hold the costs: close reads them, it rescans nothing.
        var open = await day.GetAsync();
        Assert.Equal(24.25m - 12.13m, open.Totals.Cogs[CostedSku]);
        Assert.Equal(7m, open.Totals.Cogs[OtherCostedSku]);
        Assert.Equal(50m, open.Totals.GiftCardsSold);
        Assert.Empty(FactsOfDay(SummaryEntity, key));

        await day.CloseAsync();

        var summary = Assert.Single(FactsOfDay(SummaryEntity, key));
        Assert.Equal(BusinessFactKind.StoreDaySummary, summary.Kind);
        Assert.Equal(60m - 30m + 15m, Amount(summary, FactAmountTypes.Revenue));
        Assert.Equal(6m - 3m + 1.50m, Amount(summary, FactAmountTypes.Tax));
        Assert.Equal(50m, Amount(summary, FactAmountTypes.GiftCardIssued));
        Assert.Equal(12.12m, Amount(summary, FactAmountTypes.Cogs, CostedSku));
        Assert.Equal(7m, Amount(summary, FactAmountTypes.Cogs, OtherCostedSku));
        Assert.Equal(66m - 33m, Amount(summary, FactAmountTypes.Tender, "card"));
        Assert.Equal(66.50m, Amount(summary, FactAmountTypes.Tender, "cash"));
        AssertBalanced(summary);
    }

    [Fact]
    public async Task LateTicket_Adjustment_PostsItsCogsAndGiftCards()
    {
        var date = NewDate();
        var key = new StoreDayKey(SummaryStore, date);
        var day = fixture.Day(SummaryStore, date);
        await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale(CostedSku, 1, 30m, 0m))));
        await day.CloseAsync();

        var outcome = await day.SubmitBatchAsync(Batch("B-LATE",
            Ticket("T-8", "card", Sale(OtherCostedSku, 2, 15m, 0m)),
            Ticket("T-9", "cash", Return(CostedSku, 1, 30m, 0m), GiftCard(20m))));

        var adjustment = FactsOfDay(SummaryEntity, key).Single(f => f.FactId == outcome.AdjustmentFactId);
        Assert.Equal(14m, Amount(adjustment, FactAmountTypes.Cogs, OtherCostedSku));
        Assert.Equal(-12.13m, Amount(adjustment, FactAmountTypes.Cogs, CostedSku));
        Assert.Equal(20m, Amount(adjustment, FactAmountTypes.GiftCardIssued));
        AssertBalanced(adjustment);
        var summary = FactsOfDay(SummaryEntity, key).Single(f => f.Kind == BusinessFactKind.StoreDaySummary);
        Assert.Equal(12.13m, Amount(summary, FactAmountTypes.Cogs, CostedSku));
        var view = await day.GetAsync();
        Assert.Equal(14m, view.LateTotals.Cogs[OtherCostedSku]);
        Assert.Equal(20m, view.LateTotals.GiftCardsSold);
    }

    [Fact]
    public async Task GiftCardSale_PerTicket_CreditsLiabilityAndMovesNoStock()
    {
        var date = NewDate();
        var key = new StoreDayKey(TicketStore, date);
        var day = fixture.Day(TicketStore, date);

        var outcome = await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "cash", GiftCard(25m))));

        Assert.Equal(PosTicketStatus.Recorded, Assert.Single(outcome.Tickets).Status);
        var fact = Assert.Single(FactsOfDay(TicketEntity, key));
        Assert.Equal(25m, Amount(fact, FactAmountTypes.GiftCardIssued));
        Assert.Equal(25m, Amount(fact, FactAmountTypes.Tender, "cash"));
        Assert.Equal(0m, Amount(fact, FactAmountTypes.Revenue));
        Assert.Equal(0m, Amount(fact, FactAmountTypes.Tax));
        Assert.DoesNotContain(fact.Amounts, a => a.Type == FactAmountTypes.Cogs);
        var view = await day.GetAsync();
        Assert.Equal(0, view.PendingInventoryLines);
        Assert.Equal(0m, view.Totals.SalesRevenue);
        Assert.Equal(25m, view.Totals.GiftCardsSold);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task GiftCardSale_WithoutAPositiveAmount_IsRefusedWhole(int amount)
    {
        var date = NewDate();
        var day = fixture.Day(TicketStore, date);
        var card = PosTicketLine.GiftCard(amount);
        var ticket = new PosTicket("T-1", DateTimeOffset.UnixEpoch, [card], [new PosTender("cash", amount)]);

        var error = await Assert.ThrowsAsync<InvalidPosBatchException>(() => day.SubmitBatchAsync(Batch("B-1", ticket)));

        Assert.Contains("T-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await fixture.DayJournalLengthAsync(TicketStore, date));
    }

    [Fact]
    public async Task GiftCardSale_WithASku_IsRefused()
    {
        var date = NewDate();
        var day = fixture.Day(TicketStore, date);
        var ticket = Ticket("T-1", "cash", PosTicketLine.GiftCard(10m) with { Sku = CostedSku });

        await Assert.ThrowsAsync<InvalidPosBatchException>(() => day.SubmitBatchAsync(Batch("B-1", ticket)));

        Assert.Equal(0, await fixture.DayJournalLengthAsync(TicketStore, date));
    }

    private static string StoreDayPostingFactId(string store, DateOnly date, string ticketId) => $"pos-ticket:{new StoreDayKey(store, date)}:{ticketId}";

    private static decimal Amount(BusinessFact fact, string type, string? qualifier = null) =>
        fact.Amounts.Where(a => a.Type == type && (qualifier is null || a.Qualifier == qualifier)).Sum(a => a.Amount);

    private static void AssertBalanced(BusinessFact fact) =>
        Assert.Equal(Amount(fact, FactAmountTypes.Revenue) + Amount(fact, FactAmountTypes.Tax) + Amount(fact, FactAmountTypes.GiftCardIssued),
            Amount(fact, FactAmountTypes.Tender));

    private static List<BusinessFact> FactsOfDay(string entity, StoreDayKey key) =>
        RecordingPostingIntakeGrain.FactsOf(entity).Where(f => f.FactId.Contains(key.ToString(), StringComparison.Ordinal)).ToList();
}
