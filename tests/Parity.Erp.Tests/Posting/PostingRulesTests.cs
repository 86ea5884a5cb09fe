using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Posting;
using static Parity.Erp.Tests.Testing.Facts;

namespace Parity.Erp.Tests.Posting;

public sealed class PostingRulesTests
{
    private static readonly PostingRules Rules = new(PostingRulesOptions.CreateDefault());

    private static ErpJournal Built(BusinessFact fact) => Assert.IsType<JournalBuilt>(Rules.Build(fact)).Journal;

    // Net per account, debit positive: the figure an accountant reads.
    private static Dictionary<string, decimal> Net(ErpJournal journal) => journal.Lines
        .GroupBy(l => l.Account)
        .ToDictionary(g => g.Key, g => g.Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount));

    private static void AssertBalancedWithDimensions(ErpJournal journal, BusinessFact fact)
    {
        Assert.Equal(journal.TotalDebit, journal.TotalCredit);
        Assert.All(journal.Lines, l => Assert.True(l.Amount > 0));
        Assert.All(journal.Lines, l => Assert.Equal((fact.Channel, fact.Location), (l.Channel, l.Location)));
        Assert.Equal(fact.LegalEntity, journal.LegalEntity);
        Assert.Equal(fact.Currency, journal.Currency);
        Assert.Equal(DateOnly.FromDateTime(fact.OccurredAt.UtcDateTime), journal.PostingDate);
    }

    [Fact]
    public void SaleShipped_PostsRevenueTaxShippingDiscountTenderAndCogs()
    {
        var fact = SaleShipped("LE-1");
        var journal = Built(fact);

        AssertBalancedWithDimensions(journal, fact);
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["4000"] = -100m, ["2200"] = -20m, ["4100"] = -5m, ["4050"] = 10m, ["1210"] = 115m, ["5000"] = 40m, ["1300"] = -40m,
        }, Net(journal));
        Assert.Equal("sale-shipped", journal.RuleId);
        Assert.Equal(fact.FactId, journal.FactId);
        Assert.Equal(fact.Lineage.SourceEventIds, journal.SourceEventIds);
    }

    [Fact]
    public void SaleReturned_ReversesRevenueTaxAndCogs_AndOwesTheRefund()
    {
        var fact = Of(BusinessFactKind.SaleReturned, "LE-1",
            A("revenue", 50m), A("tax", 10m, "VAT20"), A("cogs", 20m, "SKU-1"), A("tender", 60m, "card"));
        var journal = Built(fact);

        AssertBalancedWithDimensions(journal, fact);
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["4000"] = 50m, ["2200"] = 10m, ["5000"] = -20m, ["1300"] = 20m, ["2300"] = -60m,
        }, Net(journal));
    }

    [Theory]
    [InlineData("card", "1210")]
    [InlineData("cash", "1010")]
    [InlineData("gift-card", "2400")]
    public void Refunded_PaysRefundsPayableThroughTheTender(string tender, string account)
    {
        var fact = Of(BusinessFactKind.Refunded, "LE-1", A("tender", 60m, tender));
        var journal = Built(fact);

        AssertBalancedWithDimensions(journal, fact);
        Assert.Equal(new Dictionary<string, decimal> { ["2300"] = 60m, [account] = -60m }, Net(journal));
    }

    [Theory]
    [InlineData(BusinessFactKind.PosTicket)]
    [InlineData(BusinessFactKind.StoreDaySummary)]
    [InlineData(BusinessFactKind.StoreDayAdjustment)]
    public void StoreSales_PostTendersToClearing_AndGiftCardsToLiability(BusinessFactKind kind)
    {
        // 200 net + 40 VAT, of which a 30 gift card sold; paid 150 cash, 90 card, 30 with a gift card.
        var fact = Of(kind, "LE-1",
            A("revenue", 170m), A("gift-card-issued", 30m), A("tax", 40m, "VAT20"),
            A("tender", 150m, "cash"), A("tender", 60m, "card"), A("tender", 30m, "gift-card"), A("cogs", 80m, "SKU-2"));
        var journal = Built(fact);

        AssertBalancedWithDimensions(journal, fact);
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["4000"] = -170m, ["2400"] = 0m, ["2200"] = -40m, ["1010"] = 150m, ["1210"] = 60m, ["5000"] = 80m, ["1300"] = -80m,
        }, Net(journal));
    }

    [Fact]
    public void SettlementReceived_MovesClearingToBank_AndFeesToExpenseByType()
    {
        var fact = Of(BusinessFactKind.SettlementReceived, "LE-1",
            A("tender", 1000m, "card"), A("payout", 955m), A("fee", 20m, "commission"), A("fee", 5m, "scheme"),
            A("fee", 3m, "currency-conversion"), A("chargeback", 17m));
        var journal = Built(fact);

        AssertBalancedWithDimensions(journal, fact);
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["1210"] = -1000m, ["1100"] = 955m, ["6100"] = 20m, ["6110"] = 5m, ["6190"] = 3m, ["6300"] = 17m,
        }, Net(journal));
    }

    [Fact]
    public void NegativeAmount_PostsToTheOtherSide()
    {
        // A settlement that paid out less than the orders cleared (SettlementReconciler: suspense = payout − clearing):
        // suspense is negative, so it posts to the other side of its rule's credit, a debit.
        var fact = Of(BusinessFactKind.SettlementReceived, "LE-1", A("tender", 100m, "card"), A("payout", 96m), A("suspense", -4m));
        var journal = Built(fact);

        Assert.Equal(new Dictionary<string, decimal> { ["1210"] = -100m, ["1100"] = 96m, ["1999"] = 4m }, Net(journal));
    }

    [Fact]
    public void RoundingWithinTolerance_GoesToTheRoundingAccount()
    {
        // Tax computed to three decimals: the lines round to 100.00 + 20.00 against 120.03.
        var fact = Of(BusinessFactKind.SaleShipped, "LE-1", A("revenue", 100m), A("tax", 19.996m, "VAT20"), A("tender", 120.03m, "card"));
        var journal = Built(fact);

        Assert.Equal(journal.TotalDebit, journal.TotalCredit);
        var rounding = Assert.Single(journal.Lines, l => l.Account == "7990");
        Assert.Equal((JournalSide.Credit, 0.03m), (rounding.Side, rounding.Amount));
    }

    [Fact]
    public void ImbalanceBeyondTolerance_IsHeldAsUnbalancedJournal()
    {
        var fact = Of(BusinessFactKind.SaleShipped, "LE-1", A("revenue", 100m), A("tax", 20m, "VAT20"), A("tender", 119m, "card"));

        var held = Assert.IsType<JournalHeld>(Rules.Build(fact));
        Assert.Equal(ExceptionCategory.UnbalancedJournal, held.Category);
        Assert.Contains("differ by -1", held.Reason);
    }

    [Fact]
    public void FactWhoseAmountsAreAllZero_HasNothingToPost_AndIsNotHeld()
    {
        // An even exchange at the till: the sale and the return cancel out, no tender changes hands.
        var fact = Of(BusinessFactKind.PosTicket, "LE-1", A("revenue", 0m), A("tax", 0.001m, "VAT20"), A("tender", 0m, "cash"));

        var nothing = Assert.IsType<NothingToPost>(Rules.Build(fact));
        Assert.Contains(fact.FactId, nothing.Reason);
    }

    [Fact]
    public void UnmappedTaxCode_IsHeld_NeverDropped()
    {
        var fact = Of(BusinessFactKind.SaleShipped, "LE-1", A("revenue", 100m), A("tax", 7m, "VAT7"), A("tender", 107m, "card"));

        var held = Assert.IsType<JournalHeld>(Rules.Build(fact));
        Assert.Equal(ExceptionCategory.UnmappedTaxCode, held.Category);
        Assert.Contains("tax 'VAT7'", held.Reason);
    }

    [Fact]
    public void UnmappedAmountType_IsHeldAsUnmapped()
    {
        var fact = Of(BusinessFactKind.SaleShipped, "LE-1", A("revenue", 100m), A("loyalty-points", 5m), A("tender", 105m, "card"));

        Assert.Equal(ExceptionCategory.UnmappedTaxCode, Assert.IsType<JournalHeld>(Rules.Build(fact)).Category);
    }

    [Fact]
    public void MostSpecificRuleWins_AndWithoutDefaultsConfiguredRulesAreTheWholeSet()
    {
        var options = new PostingRulesOptions
        {
            IncludeDefaults = false,
            Accounts = { ["4000"] = "revenue", ["4001"] = "revenue:web", ["1210"] = "clearing" },
            Rules =
            {
                new PostingRuleOptions { Type = "revenue", Account = "4000", Side = JournalSide.Credit },
                new PostingRuleOptions { Kind = "SaleShipped", Type = "revenue", Account = "4001", Side = JournalSide.Credit },
                new PostingRuleOptions { Type = "tender", Account = "1210", Side = JournalSide.Debit },
            },
        };
        var rules = new PostingRules(options);

        var shipped = Assert.IsType<JournalBuilt>(rules.Build(Of(BusinessFactKind.SaleShipped, "LE-1", A("revenue", 10m), A("tender", 10m, "card")))).Journal;
        var ticket = Assert.IsType<JournalBuilt>(rules.Build(Of(BusinessFactKind.PosTicket, "LE-1", A("revenue", 10m), A("tender", 10m, "cash")))).Journal;

        Assert.Contains(shipped.Lines, l => l.Account == "4001");
        Assert.Contains(ticket.Lines, l => l.Account == "4000");
        Assert.IsType<JournalHeld>(rules.Build(Of(BusinessFactKind.PosTicket, "LE-1", A("tax", 2m, "VAT20"), A("tender", 2m, "cash"))));
    }

    [Fact]
    public void DefaultRules_HaveUniqueIds_AndMapUsSalesTaxAndTheVatCodes()
    {
        var defaults = PostingRulesOptions.CreateDefault().Rules;

        Assert.All(defaults, r => Assert.False(string.IsNullOrEmpty(r.Id)));
        Assert.Equal(defaults.Count, defaults.Select(r => r.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(["US-SALES", "VAT0", "VAT20", "VAT5"], Rules.QualifiersOf(BusinessFactKind.StoreDaySummary, FactAmountTypes.Tax));
        Assert.True(Rules.Maps(BusinessFactKind.PosTicket, FactAmountTypes.Tax, "us-sales"));
        Assert.False(Rules.Maps(BusinessFactKind.PosTicket, FactAmountTypes.Tax, "GST"));
        Assert.False(Rules.Maps(BusinessFactKind.PosTicket, FactAmountTypes.Tax, null));
    }

    [Fact]
    public void ConfiguredRules_OverrideDefaultsById_AddNewOnes_AndKeepTheRest()
    {
        var options = new PostingRulesOptions
        {
            Accounts = { ["2251"] = "liabilities:tax:state" },
            Rules =
            {
                // Only what changes: the account. Kind, type, qualifier and side stay the default's.
                new PostingRuleOptions { Id = "tax-us-sales", Account = "2251" },
                // A new id is added beside the defaults (here more specific than the default card tender).
                new PostingRuleOptions { Id = "store-tender-card", Kind = "StoreDaySummary", Type = "tender", Qualifier = "card", Account = "1211", Side = JournalSide.Debit },
            },
        };
        var rules = new PostingRules(options);

        var journal = Assert.IsType<JournalBuilt>(rules.Build(Of(BusinessFactKind.StoreDaySummary, "LE-1",
            A("revenue", 100m), A("tax", 8.25m, "US-SALES"), A("tax", 2m, "VAT20"), A("tender", 60m, "card"), A("tender", 50.25m, "cash")))).Journal;

        Assert.Equal(new Dictionary<string, decimal> { ["4000"] = -100m, ["2251"] = -8.25m, ["2200"] = -2m, ["1211"] = 60m, ["1010"] = 50.25m }, Net(journal));
        Assert.Equal(PostingRulesOptions.CreateDefault().Rules.Count + 1, options.EffectiveRules().Count);
        Assert.Equal(("liabilities:tax:state", "revenue:merchandise"), (rules.Accounts["2251"], rules.Accounts["4000"]));
    }

    [Fact]
    public void TwoConfiguredRulesWithOneId_AreRefused()
    {
        var options = new PostingRulesOptions
        {
            Rules =
            {
                new PostingRuleOptions { Id = "tax-us-sales", Account = "2251" },
                new PostingRuleOptions { Id = "TAX-US-SALES", Account = "2252" },
            },
        };

        var error = Assert.Throws<ArgumentException>(() => new PostingRules(options));
        Assert.Contains("tax-us-sales", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void InvalidRule_IsRefusedAtConstruction()
    {
        var options = new PostingRulesOptions { Rules = { new PostingRuleOptions { Kind = "SaleShiped", Type = "revenue", Account = "4000" } } };

        var error = Assert.Throws<ArgumentException>(() => new PostingRules(options));
        Assert.Contains("SaleShiped", error.Message);
    }

    [Fact]
    public void JournalKey_IsDeterministic_OrderFree_AndDependsOnRule()
    {
        var key = JournalKeys.For("sale-shipped", ["e1", "e2"]);

        Assert.Equal(key, JournalKeys.For("sale-shipped", ["e2", "e1", "e1"]));
        Assert.NotEqual(key, JournalKeys.For("sale-returned", ["e1", "e2"]));
        Assert.NotEqual(key, JournalKeys.For("sale-shipped", ["e1"]));
        Assert.NotEqual(JournalKeys.For("r", ["a|b"]), JournalKeys.For("r", ["a", "b"]));
        Assert.Matches("^je-[0-9a-f]{32}$", key);

        // The same fact built twice, or rebuilt with other rules, keeps its key: the ERP dedupes on it.
        var fact = SaleShipped("LE-1");
        Assert.Equal(Built(fact).JournalKey, Built(fact with { Amounts = [A("revenue", 1m), A("tender", 1m, "card")] }).JournalKey);
        Assert.Equal(PostingRules.JournalKeyOf(fact), Built(fact).JournalKey);
    }

    [Fact]
    public void Reverse_SwapsSides_WithItsOwnKey()
    {
        var journal = Built(SaleShipped("LE-1"));

        var reversal = PostingRules.Reverse(journal, "fix-1", new DateOnly(2026, 12, 2));

        Assert.Equal(journal.JournalKey, reversal.ReversesJournalKey);
        Assert.NotEqual(journal.JournalKey, reversal.JournalKey);
        Assert.Equal(reversal.JournalKey, PostingRules.Reverse(journal, "fix-1", new DateOnly(2026, 12, 3)).JournalKey);
        Assert.Equal(Net(journal).ToDictionary(p => p.Key, p => -p.Value), Net(reversal));
    }
}
