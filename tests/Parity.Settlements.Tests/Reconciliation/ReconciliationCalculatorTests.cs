using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Reconciliation;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Reconciliation;

namespace Parity.Settlements.Tests.Reconciliation;

public sealed class ReconciliationCalculatorTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static FigureSummary Summary(params (FigureKind Kind, int Count)[] counts) =>
        new(counts.ToDictionary(c => c.Kind, c => c.Count), [], 0);

    private static ExceptionRecord Exception(ExceptionCategory category, string trace) =>
        new(category, trace, "m", [], [], 1, Noon, Noon, Channel: "web");

    [Fact]
    public void EveryTransactionType_HasItsDenominator_AndTheRateIsExceptionsOverTransactions()
    {
        // 8 orders placed, 4 POS tickets, payments captured for 2 orders (3 captures), 5 settlement lines (4 matched),
        // 10 journals posted. Exceptions: order 2 (InsufficientStock, OutOfSequence), store-sale 1 (NegativeStock),
        // payment 1 (MissingSettlement), settlement-line 1 (UnmatchedSettlementLine), posting 2 (ErpRejected, UnbalancedJournal).
        var summary = Summary(
            (FigureKind.OrderPlaced, 8), (FigureKind.StoreTicketsRecorded, 4), (FigureKind.SettlementLineMatched, 4),
            (FigureKind.SettlementLineUnmatched, 1), (FigureKind.JournalPosted, 10));
        var captures = new List<CaptureRecord>
        {
            new("pi_1", "web:1", 10m, "EUR", Noon),
            new("pi_1b", "web:1", 5m, "EUR", Noon),
            new("pi_2", "web:2", 20m, "EUR", Noon, SettledBy: "stripe:po_1"),
        };
        var exceptions = new List<ExceptionRecord>
        {
            Exception(ExceptionCategory.InsufficientStock, "a"),
            Exception(ExceptionCategory.OutOfSequence, "b"),
            Exception(ExceptionCategory.NegativeStock, "c"),
            Exception(ExceptionCategory.MissingSettlement, "d"),
            Exception(ExceptionCategory.UnmatchedSettlementLine, "e"),
            Exception(ExceptionCategory.ErpRejected, "f"),
            Exception(ExceptionCategory.UnbalancedJournal, "g"),
        };

        var figures = ReconciliationCalculator.Compute("web", Day, captures, summary, exceptions, []);

        Assert.Equal((8, 2, 1), (figures.OrdersCaptured, figures.PaymentsCaptured, figures.Settled));
        var rates = figures.ExceptionRates.ToDictionary(r => r.TransactionType);
        Assert.Equal(new ExceptionRate("order", 2, 8, 0.25), rates["order"]);
        Assert.Equal(new ExceptionRate("store-sale", 1, 4, 0.25), rates["store-sale"]);
        Assert.Equal(new ExceptionRate("payment", 1, 2, 0.5), rates["payment"]);
        Assert.Equal(new ExceptionRate("settlement-line", 1, 5, 0.2), rates["settlement-line"]);
        Assert.Equal(new ExceptionRate("posting", 2, 10, 0.2), rates["posting"]);
        Assert.Equal(5, rates.Count);
        Assert.DoesNotContain(figures.Unavailable.Keys, k => k.StartsWith("exceptionRates", StringComparison.Ordinal));
    }

    [Fact]
    public void MarketplaceOrdersPaidThroughSettlement_CountAsCapturedOrders_WithoutAnyPaymentCapture()
    {
        // Three marketplace orders placed, none of them captured by us: the marketplace pays through its settlement.
        var figures = ReconciliationCalculator.Compute("amazon", Day, [], Summary((FigureKind.OrderPlaced, 3)),
            [Exception(ExceptionCategory.InsufficientStock, "backorder")], []);

        Assert.Equal((3, 0), (figures.OrdersCaptured, figures.PaymentsCaptured));
        var order = figures.ExceptionRates.Single(r => r.TransactionType == "order");
        Assert.Equal((1, 3), (order.Exceptions, order.Transactions));
        Assert.Equal(1.0 / 3, order.Rate!.Value, 12);
    }

    [Fact]
    public void NothingCounted_RatesAreNull_NotZero_AndOnlyPostingStaysUnavailable()
    {
        var figures = ReconciliationCalculator.Compute("pos", Day, [], Summary(),
            [Exception(ExceptionCategory.NegativeStock, "n")], []);

        var storeSale = figures.ExceptionRates.Single(r => r.TransactionType == "store-sale");
        Assert.Equal(new ExceptionRate("store-sale", 1, 0, null), storeSale);
        Assert.Equal(["exceptionRates.posting"], figures.Unavailable.Keys.Where(k => k.StartsWith("exceptionRates", StringComparison.Ordinal)));
    }
}
