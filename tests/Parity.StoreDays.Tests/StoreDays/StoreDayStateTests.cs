using System.Text.Json;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.Posting;
using Parity.Grains.StoreDays;
using Parity.Providers.Journal;
using static Parity.StoreDays.Tests.Testing.Tickets;

namespace Parity.StoreDays.Tests.StoreDays;

/// <summary>The fold and the posting rules without a cluster: snapshots round-trip, events keep their type, facts balance.</summary>
public sealed class StoreDayStateTests
{
    private static readonly StoreDayKey Day = new("STORE-9", new DateOnly(2026, 3, 14));
    private static readonly StoreDaySettings Settings = new(PostingGranularity.Summary, "LE-9", "EUR");

    [Fact]
    public void Snapshot_RoundTripsThroughJson()
    {
        var state = new StoreDayState();
        var ticket = Ticket("T-1", "card", Sale("SKU-1", 2, 10m, 2m), Return("SKU-2", 1, 5m, 0.5m, restock: false));
        var outcome = new PosBatchOutcome("B-1", Day.ToString(), [new PosTicketOutcome("T-1", PosTicketStatus.Recorded)], null);
        state.Apply(new StoreDayOpened(Settings));
        state.Apply(new PosBatchRecorded("B-1", "ABC", [ticket], false, outcome));
        state.Apply(new InventoryLineRecorded(StoreDayState.LineEventId(Day.ToString(), "T-1", 0), 1));
        var summary = StoreDayPosting.Summary(Day, Settings, state.Totals, state.OnTimeBatchIds, DateTimeOffset.UnixEpoch, "corr-1");
        state.Apply(new StoreDayClosed(DateTimeOffset.UnixEpoch));
        state.Apply(new PostingQueued(summary));

        var copy = JsonSerializer.Deserialize<StoreDayState>(JsonSerializer.Serialize(state, ParityJournal.DefaultJsonOptions), ParityJournal.DefaultJsonOptions)!;

        Assert.Equal(state.Settings, copy.Settings);
        Assert.Equal(StoreDayStatus.Closed, copy.Status);
        Assert.Equal(state.Batches["B-1"].Fingerprint, copy.Batches["B-1"].Fingerprint);
        Assert.Equal(state.Batches["B-1"].Outcome.Tickets, copy.Batches["B-1"].Outcome.Tickets);
        Assert.Equal(["B-1"], copy.OnTimeBatchIds);
        Assert.Equal(state.Totals.NetRevenue, copy.Totals.NetRevenue);
        Assert.Equal(state.Totals.Tenders, copy.Totals.Tenders);
        Assert.Equal(state.PendingLines, copy.PendingLines);
        Assert.Equal(summary.FactId, Assert.Single(copy.PendingFacts).FactId);
        Assert.Equal(summary.Amounts, copy.PendingFacts[0].Amounts);
        Assert.Equal(1, copy.NegativeStockUnits);
    }

    [Fact]
    public void Tax_PostsPerCode_TheLinesOrTheStoresDefault_AndBalancesWithTheDefaultRules()
    {
        var usSettings = new StoreDaySettings(PostingGranularity.Summary, "LE-9", "USD", PostingRulesOptions.DefaultSalesTaxCode);
        var state = new StoreDayState();
        state.Apply(new StoreDayOpened(usSettings));
        var sold = Ticket("T-1", "card", Sale("SKU-1", 2, 50m, 8.25m), Sale("SKU-2", 1, 10m, 2m) with { TaxCode = "VAT20" });
        var back = Ticket("T-2", "cash", Return("SKU-1", 1, 50m, 4.13m));
        var outcome = new PosBatchOutcome("B-1", Day.ToString(), [new PosTicketOutcome("T-1", PosTicketStatus.Recorded), new PosTicketOutcome("T-2", PosTicketStatus.Recorded)], null);
        state.Apply(new PosBatchRecorded("B-1", "ABC", [sold, back], false, outcome, TaxCode: usSettings.TaxCode));

        var fact = StoreDayPosting.Summary(Day, usSettings, state.Totals, state.OnTimeBatchIds, DateTimeOffset.UnixEpoch, "corr");

        // By hand: US-SALES 8.25 − 4.13 = 4.12 (lines without a code take the store's default); VAT20 2.00; nothing uncoded;
        // card 100 + 8.25 + 10 + 2 = 120.25; cash −(50 + 4.13); revenue 110 − 50 = 60.
        Assert.Equal([new FactAmount(FactAmountTypes.Tax, 4.12m, "US-SALES"), new FactAmount(FactAmountTypes.Tax, 2m, "VAT20")],
            fact.Amounts.Where(a => a.Type == FactAmountTypes.Tax));
        var journal = Assert.IsType<JournalBuilt>(new PostingRules(PostingRulesOptions.CreateDefault()).Build(fact)).Journal;
        decimal Net(string account) => journal.Lines.Where(l => l.Account == account).Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount);
        Assert.Equal((-4.12m, -2m, -60m, 120.25m, -54.13m), (Net("2250"), Net("2200"), Net("4000"), Net("1210"), Net("1010")));
        Assert.Equal(journal.TotalDebit, journal.TotalCredit);
    }

    [Fact]
    public void Tax_OfBatchesRecordedBeforeTaxCodes_StaysOneUncodedAmount()
    {
        var state = new StoreDayState();
        state.Apply(new StoreDayOpened(Settings));
        var outcome = new PosBatchOutcome("B-1", Day.ToString(), [new PosTicketOutcome("T-1", PosTicketStatus.Recorded)], null);
        state.Apply(new PosBatchRecorded("B-1", "ABC", [Ticket("T-1", "card", Sale("SKU-1", 1, 10m, 2m))], false, outcome));

        var amounts = StoreDayPosting.Amounts(state.Totals);

        Assert.Equal([new FactAmount(FactAmountTypes.Tax, 2m)], amounts.Where(a => a.Type == FactAmountTypes.Tax));
    }

    [Fact]
    public void Events_KeepTheirTypeThroughJson()
    {
        StoreDayEvent e = new PostingHandedOff("f-1", "j-1");

        var back = JsonSerializer.Deserialize<StoreDayEvent>(JsonSerializer.Serialize(e, ParityJournal.DefaultJsonOptions), ParityJournal.DefaultJsonOptions);

        Assert.Equal(e, back);
    }

    [Fact]
    public void Amounts_NetReturnsAndBalance()
    {
        var totals = StoreDayTotals.Empty
            .Add(Ticket("T-1", "card", Sale("SKU-1", 3, 9.99m, 2.40m)))
            .Add(Ticket("T-2", "cash", Return("SKU-1", 1, 9.99m, 0.80m)))
            .Add(Ticket("T-3", "gift-card", Sale("SKU-2", 1, 0.333m, 0.03m)));

        var amounts = StoreDayPosting.Amounts(totals);

        Assert.Equal(29.97m + 0.33m - 9.99m, amounts.Single(a => a.Type == FactAmountTypes.Revenue).Amount);
        Assert.Equal(2.40m + 0.03m - 0.80m, amounts.Single(a => a.Type == FactAmountTypes.Tax).Amount);
        Assert.Equal(["card", "cash", "gift-card"], amounts.Where(a => a.Type == FactAmountTypes.Tender).Select(a => a.Qualifier));
        Assert.Equal(
            amounts.Where(a => a.Type != FactAmountTypes.Tender).Sum(a => a.Amount),
            amounts.Where(a => a.Type == FactAmountTypes.Tender).Sum(a => a.Amount));
    }

    [Fact]
    public void Amounts_WithCogsAndAGiftCard_BuildABalancedJournal_CogsAgainstInventory_GiftCardsToLiability()
    {
        var costs = new Dictionary<string, decimal> { ["SKU-1"] = 4.005m, ["SKU-2"] = 10m };
        var sale = Ticket("T-1", "card", Sale("SKU-1", 3, 9.99m, 2.40m), Sale("SKU-3", 1, 5m, 1m), GiftCard(30m));
        var back = Ticket("T-2", "cash", Return("SKU-1", 1, 9.99m, 0.80m), Return("SKU-2", 1, 20m, 4m, restock: false));
        var totals = StoreDayTotals.Empty
            .Add(sale, StoreDayPosting.Cogs(sale, costs))
            .Add(back, StoreDayPosting.Cogs(back, costs));

        var amounts = StoreDayPosting.Amounts(totals);

        // By hand: 3 × 4.005 = 12.015 → 12.02 sold, 1 × 4.005 → 4.01 back on the shelf; SKU-2 came back damaged (its
        // cost stays in COGS, none is reversed) and SKU-3 has no cost. The gift card is a liability, not revenue.
        Assert.Equal([new FactAmount(FactAmountTypes.Cogs, 8.01m, "SKU-1")], amounts.Where(a => a.Type == FactAmountTypes.Cogs));
        Assert.Equal(30m, amounts.Single(a => a.Type == FactAmountTypes.GiftCardIssued).Amount);
        Assert.Equal(29.97m + 5m - 9.99m - 20m, amounts.Single(a => a.Type == FactAmountTypes.Revenue).Amount);
        var rules = PostingRulesOptions.CreateDefault();
        rules.Rules.Add(new PostingRuleOptions { Type = "tax", Account = "2200", Side = JournalSide.Credit });
        var fact = StoreDayPosting.Summary(Day, Settings, totals, ["B-1"], DateTimeOffset.UnixEpoch, "corr");
        var journal = Assert.IsType<JournalBuilt>(new PostingRules(rules).Build(fact)).Journal;
        decimal Net(string account) => journal.Lines.Where(l => l.Account == account).Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount);
        Assert.Equal((8.01m, -8.01m, -30m), (Net("5000"), Net("1300"), Net("2400")));
        Assert.Equal(0m, journal.Lines.Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount));
        Assert.DoesNotContain(journal.Lines, l => l.Account == rules.RoundingAccount);
    }

    [Fact]
    public void Fold_BatchJournaledBeforeUnitCosts_CostsNothing_AndGiftCardLinesAwaitNoInventory()
    {
        var ticket = Ticket("T-1", "card", Sale("SKU-1", 2, 10m, 2m), GiftCard(15m));
        var outcome = new PosBatchOutcome("B-1", Day.ToString(), [new PosTicketOutcome("T-1", PosTicketStatus.Recorded)], null);
        var json = JsonSerializer.Serialize<StoreDayEvent>(new PosBatchRecorded("B-1", "ABC", [ticket], false, outcome), ParityJournal.DefaultJsonOptions);
        // An event written before the batch carried unit costs has no such property at all.
        var old = JsonSerializer.Deserialize<StoreDayEvent>(json.Replace("\"unitCosts\":null,", "", StringComparison.Ordinal).Replace(",\"unitCosts\":null", "", StringComparison.Ordinal), ParityJournal.DefaultJsonOptions)!;
        var state = new StoreDayState();

        state.Apply(old);

        Assert.Empty(state.Totals.Cogs);
        Assert.Equal(15m, state.Totals.GiftCardsSold);
        Assert.Equal(20m, state.Totals.SalesRevenue);
        Assert.Equal([StoreDayState.LineEventId(Day.ToString(), "T-1", 0)], state.PendingLines.Select(l => l.EventId));
    }

    [Fact]
    public void Snapshot_KeepsCogsAndGiftCards()
    {
        var state = new StoreDayState();
        var ticket = Ticket("T-1", "card", Sale("SKU-1", 2, 10m, 2m), GiftCard(15m));
        var outcome = new PosBatchOutcome("B-1", Day.ToString(), [new PosTicketOutcome("T-1", PosTicketStatus.Recorded)], null);
        state.Apply(new PosBatchRecorded("B-1", "ABC", [ticket], false, outcome, new Dictionary<string, decimal> { ["SKU-1"] = 3m }));

        var copy = JsonSerializer.Deserialize<StoreDayState>(JsonSerializer.Serialize(state, ParityJournal.DefaultJsonOptions), ParityJournal.DefaultJsonOptions)!;

        Assert.Equal(6m, copy.Totals.Cogs["SKU-1"]);
        Assert.Equal(15m, copy.Totals.GiftCardsSold);
    }
}
