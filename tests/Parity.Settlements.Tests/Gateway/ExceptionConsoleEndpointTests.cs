using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parity.GrainInterfaces.Exceptions;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Gateway;

public sealed class ExceptionConsoleEndpointTests : IAsyncLifetime
{
    private SettlementGatewayHost _host = null!;

    public async Task InitializeAsync() => _host = await SettlementGatewayHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task UnmatchedLine_EditAndRetry_MatchesAndPostsOnce_ReplayDuplicatesNothing()
    {
        var sample = UniqueSample.Amazon();
        var finance = _host.Client(SettlementGatewayHost.FinanceKey);
        var admin = _host.Client(SettlementGatewayHost.AdminKey);
        await SettlementEndpointTests.CaptureAsync(finance, "amazon", "305-1111111-1111111", "marketplace:305-1111111-1111111", 52.59m, currency: "EUR");
        await SettlementEndpointTests.CaptureAsync(finance, "amazon", "305-3333333-3333333", "marketplace:305-3333333-3333333", 142.80m, currency: "EUR");
        await SettlementEndpointTests.CaptureAsync(finance, "amazon", "MO-2222", "marketplace:MO-2222", 27.25m, currency: "EUR");
        await (await SettlementGatewayHost.UploadAsync(finance, sample)).AssertOkAsync(HttpStatusCode.Created);

        var open = await (await admin.GetAsync("/v1/exceptions?category=UnmatchedSettlementLine&owner=Finance&status=Open")).AssertOkAsync();
        var listed = Assert.Single(open.EnumerateArray());
        var trace = listed.GetProperty("traceKey").GetString()!;
        var path = "/v1/exceptions/" + Uri.EscapeDataString(trace);
        var one = await (await admin.GetAsync(path)).AssertOkAsync();
        Assert.Equal(("Finance", "Open", "settlement-batch"),
            (one.GetProperty("owner").GetString(), one.GetProperty("status").GetString(), one.GetProperty("source").GetProperty("kind").GetString()));
        Assert.Empty(RecordingPostingIntake.Of(sample.FactId));
        Assert.Empty((await (await admin.GetAsync("/v1/exceptions?owner=StoreOps")).AssertOkAsync()).EnumerateArray());

        // Refused edits: 422 and the exception and batch are as they were.
        var batchJournal = _host.JournalLength("settlement-batch", sample.Key);
        var refused = await (await admin.PostAsJsonAsync(path + "/retry", new { edits = new { sku = "X" } }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.Contains("orderId", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await admin.PostAsJsonAsync(path + "/retry", new { edits = new { } })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        var unchanged = await (await admin.GetAsync(path)).AssertOkAsync();
        Assert.Equal(("Open", 0), (unchanged.GetProperty("status").GetString(), unchanged.GetProperty("attempts").GetInt32()));
        Assert.Equal(batchJournal, _host.JournalLength("settlement-batch", sample.Key));

        var retried = await (await admin.PostAsJsonAsync(path + "/retry", new { edits = new { orderId = "marketplace:MO-2222" } })).AssertOkAsync();

        Assert.True(retried.GetProperty("outcome").GetProperty("resolved").GetBoolean());
        Assert.Equal(("Resolved", 1), (retried.GetProperty("exception").GetProperty("status").GetString(), retried.GetProperty("exception").GetProperty("attempts").GetInt32()));
        Assert.Single(RecordingPostingIntake.Of(sample.FactId));
        var batch = await (await finance.GetAsync($"/v1/settlements/amazon/batches/{sample.BatchId}")).AssertOkAsync();
        Assert.Equal("Submitted", batch.GetProperty("status").GetString());

        var journal = _host.JournalLength("settlement-batch", sample.Key);
        var replayed = await (await admin.PostAsync(path + "/replay", null)).AssertOkAsync();
        Assert.True(replayed.GetProperty("outcome").GetProperty("resolved").GetBoolean());
        Assert.Equal("Resolved", replayed.GetProperty("exception").GetProperty("status").GetString());
        Assert.Equal(journal, _host.JournalLength("settlement-batch", sample.Key));
        Assert.Single(RecordingPostingIntake.Of(sample.FactId));
    }

    [Fact]
    public async Task Resolve_NeedsANote_UnknownIs404_SourcelessIsNotRetryable_AndOnlyAdminMay()
    {
        var queue = _host.Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.MissingSettlement, "missing-settlement:stripe:pi_x", "not settled", "c1", ["capture:stripe:pi_x"], null, "web"));
        await queue.RaiseAsync(new ExceptionReport(ExceptionCategory.NegativeStock, "neg:SKU-1@STORE-1", "sold beyond OnHand", "c2", ["pos-1"]));
        var admin = _host.Client(SettlementGatewayHost.AdminKey);
        var path = "/v1/exceptions/" + Uri.EscapeDataString("missing-settlement:stripe:pi_x");

        await (await _host.Client(SettlementGatewayHost.FinanceKey).GetAsync("/v1/exceptions")).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        await (await _host.Client(null).PostAsJsonAsync(path + "/resolve", new { note = "x" })).AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-missing");
        var noNote = await (await admin.PostAsJsonAsync(path + "/resolve", new { note = " " })).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(noNote.FieldErrors("note"));
        await (await admin.PostAsJsonAsync("/v1/exceptions/nope/resolve", new { note = "x" })).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await admin.GetAsync("/v1/exceptions/nope")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await admin.PostAsync(path + "/replay", null)).AssertProblemAsync(HttpStatusCode.Conflict, "exception-not-retryable");
        var badFilter = await (await admin.GetAsync("/v1/exceptions?owner=Marketing&status=Done")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(badFilter.FieldErrors("owner"));
        Assert.NotEmpty(badFilter.FieldErrors("status"));
        Assert.Equal("Open", (await queue.GetOneAsync("missing-settlement:stripe:pi_x"))!.Status.ToString());

        var resolved = await (await admin.PostAsJsonAsync(path + "/resolve", new { note = "Stripe confirmed the payout is delayed to next week" })).AssertOkAsync();

        Assert.Equal(("Resolved", "Stripe confirmed the payout is delayed to next week"),
            (resolved.GetProperty("status").GetString(), resolved.GetProperty("resolution").GetString()));
        var finance = await (await admin.GetAsync("/v1/exceptions?owner=Finance&status=Resolved")).AssertOkAsync();
        Assert.Single(finance.EnumerateArray());
        var storeOps = await (await admin.GetAsync("/v1/exceptions?owner=StoreOps")).AssertOkAsync();
        Assert.Equal("NegativeStock", Assert.Single(storeOps.EnumerateArray()).GetProperty("category").GetString());
        Assert.Equal(JsonValueKind.Null, Assert.Single(storeOps.EnumerateArray()).GetProperty("resolvedAt").ValueKind);
    }
}
