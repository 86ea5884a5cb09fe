using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Settlements.Parsing;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Settlements;

// The cluster is shared: every sample has its own batch id and references, and exceptions and provisional totals are
// asserted as what changed since the test's own baseline.
[Collection(SettlementCluster.CollectionName)]
public sealed class SettlementBatchGrainTests(SettlementCluster cluster)
{
    private static readonly DateTimeOffset CapturedAt = DateTimeOffset.UtcNow.AddHours(-30);

    private IGrainFactory Grains => cluster.Grains;

    private IExceptionQueueGrain Queue => cluster.ExceptionQueue;

    [Fact]
    public async Task Stripe_AllCaptured_MatchesEveryLine_FeesByType_ChargebackOwnLine_FactOnceAndBalanced()
    {
        var sample = UniqueSample.Stripe();
        var exceptions = await ExceptionBaseline.TakeAsync(Queue);
        await CaptureStripeOrdersAsync(sample);

        var view = await IngestAsync(sample);

        Assert.Equal(SettlementBatchStatus.Submitted, view.Status);
        Assert.All(view.Lines.Where(l => l.Line.NeedsOrder), l => Assert.Equal(SettlementMatch.Matched, l.Match));
        Assert.Equal(["web:1001", "web:1002", "web:1001", "web:1003"], view.Lines.Where(l => l.OrderId is not null).Select(l => l.OrderId));
        var chargeback = Assert.Single(view.Lines, l => l.Line.Kind == SettlementLineKind.Chargeback);
        Assert.Equal(("web:1003", -30.00m), (chargeback.OrderId, chargeback.Line.Gross));
        Assert.Equal(new Dictionary<string, decimal> { ["chargeback"] = 15.00m, ["other"] = 2.00m, ["processing"] = 4.95m }, view.FeesByType);
        Assert.Equal(new SettlementTotals(130.00m, 21.95m, 30.00m, 78.05m, 130.00m, 0m, 4, 0), view.Totals);

        var fact = Assert.Single(RecordingPostingIntake.Of(sample.FactId));
        Assert.Equal((BusinessFactKind.SettlementReceived, "USD", "web"), (fact.Kind, fact.Currency, fact.Channel));
        AssertBalanced(fact);
        Assert.Equal(78.05m, Amount(fact, FactAmountTypes.Payout));
        Assert.Equal(15.00m, Amount(fact, FactAmountTypes.Fee, "chargeback"));
        Assert.Equal(4.95m, Amount(fact, FactAmountTypes.Fee, "processing"));
        Assert.Equal(30.00m, Amount(fact, FactAmountTypes.Chargeback));
        Assert.False(fact.ReleasedByPerson, "every line matched without anyone");
        Assert.Empty(await exceptions.RaisedSinceAsync());
    }

    [Fact]
    public async Task SameFileAgain_ChangesNothing_AndAnotherFileForTheBatchIsRefused()
    {
        var sample = UniqueSample.Stripe();
        await CaptureStripeOrdersAsync(sample);
        await IngestAsync(sample);
        var journal = await JournalLengthAsync(sample.Key);

        var again = await IngestAsync(sample);

        Assert.True(again.Duplicate);
        Assert.Equal(journal, await JournalLengthAsync(sample.Key));
        Assert.Single(RecordingPostingIntake.Of(sample.FactId));
        var other = sample with { Content = sample.Content.Replace("Order 1002", "Order 1002 (corrected)", StringComparison.Ordinal) };
        await Assert.ThrowsAsync<SettlementBatchConflictException>(() => IngestAsync(other));
        Assert.Equal(journal, await JournalLengthAsync(sample.Key));
    }

    [Fact]
    public async Task Adyen_FeeVariance_GoesToSuspenseAndSettlementVariance_ReferenceMappedToWebOrders()
    {
        var sample = UniqueSample.Adyen();
        var receivables = Grains.GetGrain<IReceivablesGrain>("adyen");
        var exceptions = await ExceptionBaseline.TakeAsync(Queue);
        var provisionalBefore = await ProvisionalTotalAsync(receivables);

        // Captures are recorded under Adyen's PSP references; the Merchant Reference maps to web:{reference}.
        await receivables.RecordCaptureAsync("adyen", sample.Ref("8815987654321001"), "web:" + sample.Ref("2001"), 120.00m, "EUR", CapturedAt);
        await receivables.RecordCaptureAsync("adyen", sample.Ref("8815987654321002"), "web:" + sample.Ref("2002"), 85.00m, "EUR", CapturedAt);
        await receivables.RecordCaptureAsync("adyen", sample.Ref("8815987654321004"), "web:" + sample.Ref("2003"), 60.00m, "EUR", CapturedAt);

        var view = await IngestAsync(sample);

        Assert.Equal(SettlementBatchStatus.Submitted, view.Status);
        var variance = Assert.Single(view.Lines, l => l.Variance is not null && l.Variance != 0);
        Assert.Equal(("web:" + sample.Ref("2002"), 85.00m, -5.00m), (variance.OrderId, variance.Expected, variance.Variance));
        Assert.Equal(-5.00m, view.Totals.Suspense);
        Assert.Equal(new Dictionary<string, decimal> { ["commission"] = 1.60m, ["interchange"] = 1.50m, ["markup"] = 0.60m, ["other"] = 15.00m, ["scheme"] = 0.30m },
            view.FeesByType);
        var exception = Assert.Single(await exceptions.RaisedSinceAsync());
        Assert.Equal((ExceptionCategory.SettlementVariance, ExceptionOwner.Finance, ExceptionStatus.Open, "web"),
            (exception.Category, exception.Owner, exception.Status, exception.Channel));
        Assert.Equal($"settlement:{sample.Key}:variance:web:{sample.Ref("2002")}", exception.TraceKey);
        Assert.Equal(new ExceptionSourceRef(ISettlementBatchGrain.SourceKind, sample.Key), exception.Source);
        var fact = Assert.Single(RecordingPostingIntake.Of(sample.FactId));
        AssertBalanced(fact);
        Assert.Equal(-5.00m, Amount(fact, FactAmountTypes.Suspense));
        Assert.Equal(185.00m, Amount(fact, FactAmountTypes.Tender, "adyen"));

        // Only payments settle captures: the charged-back order's capture stays provisional.
        Assert.Equal(60.00m, await ProvisionalTotalAsync(receivables) - provisionalBefore);
    }

    [Fact]
    public async Task Amazon_UnmatchedLine_HoldsTheFact_EditAndRetryMatchesIt_FactOnce_ReplayRepeatsNothing()
    {
        var sample = UniqueSample.Amazon();
        var receivables = Grains.GetGrain<IReceivablesGrain>("amazon");
        var exceptions = await ExceptionBaseline.TakeAsync(Queue);
        await receivables.RecordCaptureAsync("amazon", sample.Ref("305-1111111-1111111"), "marketplace:" + sample.Ref("305-1111111-1111111"), 52.59m, "EUR", CapturedAt);
        await receivables.RecordCaptureAsync("amazon", sample.Ref("305-3333333-3333333"), "marketplace:" + sample.Ref("305-3333333-3333333"), 142.80m, "EUR", CapturedAt);

        // Order B's capture was recorded under the marketplace's merchant order id, which the settlement does not carry.
        await receivables.RecordCaptureAsync("amazon", sample.Ref("MO-2222"), "marketplace:" + sample.Ref("MO-2222"), 27.25m, "EUR", CapturedAt);

        var view = await IngestAsync(sample);

        Assert.Equal(SettlementBatchStatus.Held, view.Status);
        var unmatched = Assert.Single(view.Lines, l => l.Match == SettlementMatch.Unmatched);
        Assert.Equal(sample.Ref("305-2222222-2222222"), unmatched.Line.Reference);
        Assert.Empty(RecordingPostingIntake.Of(sample.FactId));
        var exception = Assert.Single(await exceptions.RaisedSinceAsync(ExceptionCategory.UnmatchedSettlementLine));
        Assert.Equal((ExceptionOwner.Finance, "marketplace"), (exception.Owner, exception.Channel));
        Assert.Contains("Row 8", exception.Message, StringComparison.Ordinal);

        var batch = Grains.GetGrain<ISettlementBatchGrain>(sample.Key);
        var wrong = await batch.RetryAsync(exception.TraceKey, new Dictionary<string, string> { ["orderId"] = "marketplace:nope" });
        Assert.False(wrong.Resolved);
        Assert.Empty(RecordingPostingIntake.Of(sample.FactId));

        var outcome = await batch.RetryAsync(exception.TraceKey, new Dictionary<string, string> { ["orderId"] = "marketplace:" + sample.Ref("MO-2222") });

        Assert.True(outcome.Resolved, outcome.Message);
        var after = (await batch.GetAsync())!;
        Assert.Equal(SettlementBatchStatus.Submitted, after.Status);
        Assert.Equal(0, after.Totals.UnmatchedLines);
        var fact = Assert.Single(RecordingPostingIntake.Of(sample.FactId));
        AssertBalanced(fact);
        Assert.Equal(93.12m, Amount(fact, FactAmountTypes.Payout));
        Assert.Equal(3.22m + 2.70m + 4.50m, Amount(fact, FactAmountTypes.Fee, "fulfilment"));

        var journal = await JournalLengthAsync(sample.Key);
        var replay = await batch.RetryAsync(exception.TraceKey, new Dictionary<string, string>());
        Assert.True(replay.Resolved);
        Assert.Contains("nothing was repeated", replay.Message, StringComparison.Ordinal);
        Assert.Equal(journal, await JournalLengthAsync(sample.Key));
        Assert.Single(RecordingPostingIntake.Of(sample.FactId));
        Assert.Single(await exceptions.RaisedSinceAsync(ExceptionCategory.UnmatchedSettlementLine));
    }

    [Fact]
    public async Task UnmatchedLine_SentToSuspense_ReleasesTheBatch_BalancedWithTheLineInSuspense()
    {
        var sample = UniqueSample.Amazon();
        var receivables = Grains.GetGrain<IReceivablesGrain>("amazon");
        var exceptions = await ExceptionBaseline.TakeAsync(Queue);
        await receivables.RecordCaptureAsync("amazon", sample.Ref("305-1111111-1111111"), "marketplace:" + sample.Ref("305-1111111-1111111"), 52.59m, "EUR", CapturedAt);
        await receivables.RecordCaptureAsync("amazon", sample.Ref("305-3333333-3333333"), "marketplace:" + sample.Ref("305-3333333-3333333"), 142.80m, "EUR", CapturedAt);

        // A capture in another currency cannot be compared with the batch: the line stays unmatched.
        await receivables.RecordCaptureAsync("amazon", sample.Ref("305-2222222-2222222"), "marketplace:" + sample.Ref("305-2222222-2222222"), 27.25m, "GBP", CapturedAt);
        await IngestAsync(sample);
        var exception = Assert.Single(await exceptions.RaisedSinceAsync(ExceptionCategory.UnmatchedSettlementLine));
        var batch = Grains.GetGrain<ISettlementBatchGrain>(sample.Key);

        await Assert.ThrowsAsync<ArgumentException>(() => batch.RetryAsync(exception.TraceKey, new Dictionary<string, string> { ["suspense"] = " " }));
        var outcome = await batch.RetryAsync(exception.TraceKey, new Dictionary<string, string> { ["suspense"] = "sold by the outlet entity" });
        var replay = await batch.RetryAsync(exception.TraceKey, new Dictionary<string, string>());

        Assert.True(outcome.Resolved, outcome.Message);
        Assert.True(replay.Resolved, replay.Message);
        var view = (await batch.GetAsync())!;
        Assert.Equal((SettlementBatchStatus.Submitted, SettlementMatch.Suspense),
            (view.Status, Assert.Single(view.Lines, l => l.Line.Reference == sample.Ref("305-2222222-2222222")).Match));
        var fact = Assert.Single(RecordingPostingIntake.Of(sample.FactId));
        AssertBalanced(fact);
        Assert.Equal(27.25m, Amount(fact, FactAmountTypes.Suspense));
        Assert.True(fact.ReleasedByPerson, "finance's suspense decision released the batch");
    }

    [Fact]
    public async Task CaptureUnsettledPastItsWindow_RaisesMissingSettlement_AndStaysProvisionalByAge()
    {
        var receivables = Grains.GetGrain<IReceivablesGrain>("stripe");
        var now = DateTimeOffset.UtcNow;
        var tag = Guid.NewGuid().ToString("N")[..12];

        // Captures of an order channel of this test's own: the provisional view by channel shows them alone.
        var channel = "c" + tag;
        var overdueBefore = await receivables.CheckOverdueAsync();
        var exceptions = await ExceptionBaseline.TakeAsync(Queue);
        await receivables.RecordCaptureAsync("stripe", "pi_late-" + tag, channel + ":5001", 40.00m, "USD", now.AddDays(-5));
        await receivables.RecordCaptureAsync("stripe", "pi_recent-" + tag, channel + ":5002", 10.00m, "USD", now.AddHours(-2));

        Assert.Equal(overdueBefore + 1, await receivables.CheckOverdueAsync());
        Assert.Equal(overdueBefore + 1, await receivables.CheckOverdueAsync());

        var exception = Assert.Single(await exceptions.RaisedSinceAsync());
        Assert.Equal((ExceptionCategory.MissingSettlement, ExceptionOwner.Finance, $"missing-settlement:stripe:pi_late-{tag}", 1),
            (exception.Category, exception.Owner, exception.TraceKey, exception.Occurrences));
        var provisional = await receivables.GetProvisionalAsync(now, channel);
        Assert.Equal([new ReceivableAgeBucket("0-1d", "USD", 1, 10.00m), new ReceivableAgeBucket("3-7d", "USD", 1, 40.00m)], provisional.Buckets);
    }

    [Fact]
    public async Task Settlement_RemovesItsCapturesFromProvisionalReceivables()
    {
        var sample = UniqueSample.Stripe();
        var receivables = Grains.GetGrain<IReceivablesGrain>("stripe");
        var provisionalBefore = await ProvisionalTotalAsync(receivables);
        await CaptureStripeOrdersAsync(sample);
        Assert.Equal(180.00m, await ProvisionalTotalAsync(receivables) - provisionalBefore);

        await IngestAsync(sample);

        // The chargeback's order (web:1003) was settled in an earlier payout; only payments settle captures.
        Assert.Equal(30.00m, await ProvisionalTotalAsync(receivables) - provisionalBefore);
    }

    [Fact]
    public async Task FailedHandOff_IsRetriedByReminder_UntilPostingAcceptsIt_Once()
    {
        var sample = UniqueSample.Stripe();
        await CaptureStripeOrdersAsync(sample);
        RecordingPostingIntake.FailNext(2);

        var view = await IngestAsync(sample);

        Assert.Equal(SettlementBatchStatus.Reconciled, view.Status);
        var batch = Grains.GetGrain<ISettlementBatchGrain>(sample.Key);
        await Eventually.WaitForAsync(() => batch.GetAsync(), v => v!.FactSubmitted, "the reminder hands the fact to posting");
        Assert.Single(RecordingPostingIntake.Of(sample.FactId));
    }

    [Fact]
    public async Task MalformedFile_LeavesTheBatchUntouched()
    {
        var sample = UniqueSample.Stripe();
        var broken = sample.Content.Replace("usd,50.00,1.75", "usd,50.00,x", StringComparison.Ordinal);

        Assert.Throws<SettlementFileException>(() => SettlementParsers.Parse(sample.Provider, sample.BatchId, broken));

        Assert.Null(await Grains.GetGrain<ISettlementBatchGrain>(sample.Key).GetAsync());
        Assert.Equal(0, await JournalLengthAsync(sample.Key));
    }

    private async Task CaptureStripeOrdersAsync(UniqueSample sample)
    {
        var receivables = Grains.GetGrain<IReceivablesGrain>("stripe");
        await receivables.RecordCaptureAsync("stripe", sample.Ref("pi_3Q1aWeb1001"), "web:1001", 100.00m, "USD", CapturedAt);
        await receivables.RecordCaptureAsync("stripe", sample.Ref("pi_3Q1bWeb1002"), "web:1002", 50.00m, "USD", CapturedAt);
        await receivables.RecordCaptureAsync("stripe", sample.Ref("pi_3Q0zWeb1003"), "web:1003", 30.00m, "USD", CapturedAt);
    }

    private Task<SettlementBatchView> IngestAsync(UniqueSample sample) =>
        Grains.GetGrain<ISettlementBatchGrain>(sample.Key).IngestAsync(SettlementParsers.Parse(sample.Provider, sample.BatchId, sample.Content));

    private Task<int> JournalLengthAsync(string key) => cluster.JournalLengthAsync("settlement-batch", key);

    // All unsettled captures of the provider, whatever their age.
    private static async Task<decimal> ProvisionalTotalAsync(IReceivablesGrain receivables) =>
        (await receivables.GetProvisionalAsync(DateTimeOffset.UtcNow)).Buckets.Sum(b => b.Amount);

    private static decimal Amount(BusinessFact fact, string type, string? qualifier = null) =>
        fact.Amounts.Where(a => a.Type == type && (qualifier is null || a.Qualifier == qualifier)).Sum(a => a.Amount);

    // Debits (payout to bank, fees to expense, chargebacks) equal credits (clearing relieved, suspense).
    private static void AssertBalanced(BusinessFact fact) =>
        Assert.Equal(
            Amount(fact, FactAmountTypes.Payout) + Amount(fact, FactAmountTypes.Fee) + Amount(fact, FactAmountTypes.Chargeback),
            Amount(fact, FactAmountTypes.Tender) + Amount(fact, FactAmountTypes.Suspense));
}
