using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Runtime;
using Parity.GrainInterfaces.Exceptions;
using Parity.Grains.Settlements;
using Parity.Providers.Journal;
using Parity.GrainInterfaces.Settlements;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Gateway;

/// <summary>Issue 17, fix 3: settlement files and captures are bounded before anything is journaled, and a receivables
/// grain that already holds an out-of-bounds capture (recorded before the bounds existed) still answers its reports,
/// naming the capture instead of failing with 500.</summary>
[Collection(SettlementCluster.CollectionName)]
public sealed class MoneyBoundsTests(SettlementCluster cluster)
{
    private const string Huge = "50000000000000000000000000000";

    [Fact]
    public async Task SettlementFileWhoseTotalsOverflow_IsRefusedBeforeAnythingIsJournaled()
    {
        var sample = UniqueSample.Stripe();
        var content = sample.Content.Replace(",100.00,3.20,96.80,", $",{Huge},0.00,{Huge},", StringComparison.Ordinal)
            .Replace(",50.00,1.75,48.25,", $",{Huge},0.00,{Huge},", StringComparison.Ordinal);
        Assert.Contains(Huge, content, StringComparison.Ordinal);

        var problem = await (await SettlementCluster.UploadAsync(cluster.Client(SettlementCluster.FinanceKey), sample, content: content))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-settlement-file");

        Assert.Contains("1,000,000,000.00", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await cluster.JournalLengthAsync("settlement-batch", sample.Key));
    }

    [Fact]
    public async Task CaptureBeyondTheMoneyBound_IsRefused()
    {
        var finance = cluster.Client(SettlementCluster.FinanceKey);
        var tag = Guid.NewGuid().ToString("N")[..12];
        var problem = await (await finance.PostAsJsonAsync("/v1/receivables/adyen/captures",
                new { reference = "psp-" + tag, orderId = $"c{tag}:1", amount = 50_000_000_000_000_000_000_000_000_000m, currency = "EUR", capturedAt = DateTimeOffset.UtcNow }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        var yen = await (await finance.PostAsJsonAsync("/v1/receivables/adyen/captures",
                new { reference = "psp-jpy-" + tag, orderId = $"c{tag}:2", amount = 100.5m, currency = "JPY", capturedAt = DateTimeOffset.UtcNow }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.NotEmpty(problem.FieldErrors("amount"));
        Assert.Contains("JPY", Assert.Single(yen.FieldErrors("amount")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T00:00:00Z")]
    public async Task CaptureAtAnImplausibleTime_IsRefusedNamingCapturedAt(string capturedAt)
    {
        var finance = cluster.Client(SettlementCluster.FinanceKey);
        var tag = Guid.NewGuid().ToString("N")[..12];
        var problem = await (await finance.PostAsJsonAsync("/v1/receivables/adyen/captures",
                new { reference = "psp-" + tag, orderId = $"c{tag}:1", amount = 10m, currency = "EUR", capturedAt = DateTimeOffset.Parse(capturedAt, System.Globalization.CultureInfo.InvariantCulture) }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");

        Assert.Contains("2000-01-01", Assert.Single(problem.FieldErrors("capturedAt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoisonedReceivables_StillAnswerReceivablesAndReconciliation_NamingTheCapture()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var channel = "p" + tag;
        var now = DateTimeOffset.UtcNow;
        // The path that poisoned a cluster before the bounds: two captures of 5e28 recorded for one provider.
        var receivables = cluster.Grains.GetGrain<IReceivablesGrain>("adyen");
        await receivables.RecordCaptureAsync("adyen", "poison-a-" + tag, channel + ":1", 50_000_000_000_000_000_000_000_000_000m, "EUR", now.AddMinutes(-5));
        await receivables.RecordCaptureAsync("adyen", "poison-b-" + tag, channel + ":2", 50_000_000_000_000_000_000_000_000_000m, "EUR", now.AddMinutes(-4));
        await receivables.RecordCaptureAsync("adyen", "fine-" + tag, channel + ":3", 12.50m, "EUR", now.AddMinutes(-3));
        var finance = cluster.Client(SettlementCluster.FinanceKey);

        var view = await (await finance.GetAsync($"/v1/receivables?provider=adyen&channel={channel}")).AssertOkAsync();
        var figures = await (await finance.GetAsync($"/v1/reconciliation?channel={channel}&date={now.UtcDateTime:yyyy-MM-dd}")).AssertOkAsync();

        var bucket = Assert.Single(Assert.Single(view.GetProperty("providers").EnumerateArray()).GetProperty("buckets").EnumerateArray());
        Assert.Equal((3, 12.50m), (bucket.GetProperty("count").GetInt32(), bucket.GetProperty("amount").GetDecimal()));
        Assert.Equal(["poison-a-" + tag, "poison-b-" + tag], bucket.GetProperty("outOfBounds").EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal));
        Assert.Contains("poison-a-" + tag, figures.GetProperty("unavailable").GetProperty("provisionalReceivables").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PoisonedSettlementBatch_StillAnswers_NamingTheProblem_AndRaisesOneException()
    {
        var batchId = "po_poison_" + Guid.NewGuid().ToString("N")[..12];
        var huge = 50_000_000_000_000_000_000_000_000_000m;
        SettlementLine Line(int row) => new(row, $"txn_{row}_{batchId}", SettlementLineKind.Fee, null, huge, [], huge, DateTimeOffset.UtcNow, "written before the bounds");
        // As a silo before the bounds journaled it: the file was accepted whole, its totals were never added up.
        SettlementBatchEvent ingested = new BatchIngested(new SettlementFile("stripe", batchId, "USD", [Line(2), Line(3)], null, null, "hash-" + batchId),
            [], DateTimeOffset.UtcNow, "corr-poison");
        var key = $"stripe:{batchId}";
        await cluster.Journal.AppendAsync(GrainId.Create("settlement-batch", key), 0,
            [new JournalEntry(1, ingested.GetType().Name, JsonSerializer.Serialize(ingested, ParityJournal.DefaultJsonOptions),
                new EventMetadata("corr-poison", null, "stripe", batchId, DateTimeOffset.UtcNow))]);
        var finance = cluster.Client(SettlementCluster.FinanceKey);

        var view = await (await finance.GetAsync($"/v1/settlements/stripe/batches/{batchId}")).AssertOkAsync();
        await (await finance.GetAsync($"/v1/settlements/stripe/batches/{batchId}")).AssertOkAsync();

        Assert.Contains("overflow", Assert.Single(view.GetProperty("problems").EnumerateArray()).GetString(), StringComparison.Ordinal);
        var raised = (await cluster.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).GetAsync())
            .Where(r => r.Message.Contains(key, StringComparison.Ordinal)).ToList();
        Assert.Single(raised);
    }
}
