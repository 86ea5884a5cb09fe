using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Settlements;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Gateway;

// The console lists the whole cluster's exceptions, and the cluster is shared: each test finds its own by trace key
// or source, and checks that a filtered list holds only what the filter asks for.
[Collection(SettlementCluster.CollectionName)]
public sealed class ExceptionConsoleEndpointTests(SettlementCluster cluster)
{
    [Fact]
    public async Task UnmatchedLine_EditAndRetry_MatchesAndPostsOnce_ReplayDuplicatesNothing()
    {
        var sample = UniqueSample.Amazon();
        var finance = cluster.Client(SettlementCluster.FinanceKey);
        var admin = cluster.Client(SettlementCluster.AdminKey);
        await SettlementEndpointTests.CaptureAsync(finance, "amazon", sample.Ref("305-1111111-1111111"), "marketplace:" + sample.Ref("305-1111111-1111111"), 52.59m, currency: "EUR");
        await SettlementEndpointTests.CaptureAsync(finance, "amazon", sample.Ref("305-3333333-3333333"), "marketplace:" + sample.Ref("305-3333333-3333333"), 142.80m, currency: "EUR");
        await SettlementEndpointTests.CaptureAsync(finance, "amazon", sample.Ref("MO-2222"), "marketplace:" + sample.Ref("MO-2222"), 27.25m, currency: "EUR");
        await (await SettlementCluster.UploadAsync(finance, sample)).AssertOkAsync(HttpStatusCode.Created);

        var open = await (await admin.GetAsync("/v1/exceptions?category=UnmatchedSettlementLine&owner=Finance&status=Open")).AssertOkAsync();
        Assert.All(open.EnumerateArray(), e => Assert.Equal(("UnmatchedSettlementLine", "Finance", "Open"),
            (e.GetProperty("category").GetString(), e.GetProperty("owner").GetString(), e.GetProperty("status").GetString())));
        var listed = Assert.Single(open.EnumerateArray(), e => OfBatch(e, sample));
        var trace = listed.GetProperty("traceKey").GetString()!;
        var path = "/v1/exceptions/" + Uri.EscapeDataString(trace);
        var one = await (await admin.GetAsync(path)).AssertOkAsync();
        Assert.Equal(("Finance", "Open", "settlement-batch"),
            (one.GetProperty("owner").GetString(), one.GetProperty("status").GetString(), one.GetProperty("source").GetProperty("kind").GetString()));
        Assert.Empty(RecordingPostingIntake.Of(sample.FactId));
        var storeOps = await (await admin.GetAsync("/v1/exceptions?owner=StoreOps")).AssertOkAsync();
        Assert.All(storeOps.EnumerateArray(), e => Assert.Equal("StoreOps", e.GetProperty("owner").GetString()));
        Assert.DoesNotContain(storeOps.EnumerateArray(), e => OfBatch(e, sample));

        // Refused edits: 422 and the exception and batch are as they were.
        var batchJournal = await cluster.JournalLengthAsync("settlement-batch", sample.Key);
        var refused = await (await admin.PostAsJsonAsync(path + "/retry", new { edits = new { sku = "X" } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Contains("orderId", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await admin.PostAsJsonAsync(path + "/retry", new { edits = new { } })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        var unchanged = await (await admin.GetAsync(path)).AssertOkAsync();
        Assert.Equal(("Open", 0), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("attempts").GetInt32()));
        Assert.Equal(batchJournal, await cluster.JournalLengthAsync("settlement-batch", sample.Key));

        var retried = await (await admin.PostAsJsonAsync(path + "/retry", new { edits = new { orderId = "marketplace:" + sample.Ref("MO-2222") } })).AssertOkAsync();

        Assert.True(retried.GetProperty("outcome").GetProperty("resolved").GetBoolean());
        Assert.Equal(("Resolved", 1), (retried.GetProperty("exception").GetProperty("status").GetString(), retried.GetProperty("exception").GetProperty("attempts").GetInt32()));
        Assert.Single(RecordingPostingIntake.Of(sample.FactId));
        var batch = await (await finance.GetAsync($"/v1/settlements/amazon/batches/{sample.BatchId}")).AssertOkAsync();
        Assert.Equal("Submitted", batch.GetProperty("status").GetString());

        var journal = await cluster.JournalLengthAsync("settlement-batch", sample.Key);
        var replayed = await (await admin.PostAsync(path + "/replay", null)).AssertOkAsync();
        Assert.True(replayed.GetProperty("outcome").GetProperty("resolved").GetBoolean());
        Assert.Equal("Resolved", replayed.GetProperty("exception").GetProperty("status").GetString());
        Assert.Equal(journal, await cluster.JournalLengthAsync("settlement-batch", sample.Key));
        Assert.Single(RecordingPostingIntake.Of(sample.FactId));
    }

    [Fact]
    public async Task Resolve_NeedsANote_UnknownIs404_SourcelessIsNotRetryable_AndOnlyAdminMay()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var missing = $"missing-settlement:stripe:pi_x-{tag}";
        var negative = $"neg:SKU-1@STORE-1:{tag}";
        var queue = cluster.ExceptionQueue;
        await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.MissingSettlement, missing, "not settled", "c1", [$"capture:stripe:pi_x-{tag}"], null, "web"));
        await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.NegativeStock, negative, "sold beyond OnHand", "c2", [$"pos-1-{tag}"]));
        var admin = cluster.Client(SettlementCluster.AdminKey);
        var path = "/v1/exceptions/" + Uri.EscapeDataString(missing);

        await (await cluster.Client(SettlementCluster.FinanceKey).GetAsync("/v1/exceptions")).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        await (await cluster.Client(null).PostAsJsonAsync(path + "/resolve", new { note = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-missing");
        var noNote = await (await admin.PostAsJsonAsync(path + "/resolve", new { note = " " })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(noNote.FieldErrors("note"));
        await (await admin.PostAsJsonAsync($"/v1/exceptions/nope-{tag}/resolve", new { note = "x" })).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await admin.GetAsync($"/v1/exceptions/nope-{tag}")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await admin.PostAsync(path + "/replay", null)).AssertProblemAsync(HttpStatusCode.Conflict, "exception-not-retryable");
        var badFilter = await (await admin.GetAsync("/v1/exceptions?owner=Marketing&status=Done")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(badFilter.FieldErrors("owner"));
        Assert.NotEmpty(badFilter.FieldErrors("status"));
        Assert.Equal("Open", (await queue.GetOneAsync(missing))!.Status.ToString());

        var resolved = await (await admin.PostAsJsonAsync(path + "/resolve", new { note = "Stripe confirmed the payout is delayed to next week" })).AssertOkAsync();

        Assert.Equal(("Resolved", "Stripe confirmed the payout is delayed to next week"),
            (resolved.GetProperty("status").GetString(), resolved.GetProperty("resolution").GetString()));
        var finance = await (await admin.GetAsync("/v1/exceptions?owner=Finance&status=Resolved")).AssertOkAsync();
        Assert.All(finance.EnumerateArray(), e => Assert.Equal(("Finance", "Resolved"), (e.GetProperty("owner").GetString(), e.GetProperty("status").GetString())));
        Assert.Single(finance.EnumerateArray(), e => e.GetProperty("traceKey").GetString() == missing);
        Assert.DoesNotContain(finance.EnumerateArray(), e => e.GetProperty("traceKey").GetString() == negative);
        var storeOps = await (await admin.GetAsync("/v1/exceptions?owner=StoreOps")).AssertOkAsync();
        Assert.All(storeOps.EnumerateArray(), e => Assert.Equal("StoreOps", e.GetProperty("owner").GetString()));
        var stock = Assert.Single(storeOps.EnumerateArray(), e => e.GetProperty("traceKey").GetString() == negative);
        Assert.Equal("NegativeStock", stock.GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Null, stock.GetProperty("resolvedAt").ValueKind);
        Assert.DoesNotContain(storeOps.EnumerateArray(), e => e.GetProperty("traceKey").GetString() == missing);
    }

    private static bool OfBatch(JsonElement exception, UniqueSample sample) =>
        exception.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object
        && source.GetProperty("kind").GetString() == ISettlementBatchGrain.SourceKind
        && source.GetProperty("key").GetString() == sample.Key;
}
