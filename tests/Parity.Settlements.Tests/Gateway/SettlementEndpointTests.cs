using System.Net;
using System.Net.Http.Json;
using System.Text;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Gateway;

// One gateway and cluster for the collection: batch ids and references are unique per test, and captures go to an
// order channel of the test's own where the provisional view is asserted.
[Collection(SettlementCluster.CollectionName)]
public sealed class SettlementEndpointTests(SettlementCluster cluster)
{
    [Fact]
    public async Task Upload_IsCreated_SameFileAgainIsOkAndDuplicate_AndTheBatchReadsBack()
    {
        var sample = UniqueSample.Stripe();
        var finance = cluster.Client(SettlementCluster.FinanceKey);
        await CaptureAsync(finance, "stripe", sample.Ref("pi_3Q1aWeb1001"), "web:1001", 100.00m);

        var created = await (await SettlementCluster.UploadAsync(finance, sample)).AssertOkAsync(HttpStatusCode.Created);
        var journal = await cluster.JournalLengthAsync("settlement-batch", sample.Key);
        var again = await (await SettlementCluster.UploadAsync(finance, sample)).AssertOkAsync();
        var read = await (await finance.GetAsync($"/v1/settlements/stripe/batches/{sample.BatchId}")).AssertOkAsync();

        Assert.False(created.GetProperty("duplicate").GetBoolean());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal(journal, await cluster.JournalLengthAsync("settlement-batch", sample.Key));
        Assert.Equal("Held", read.GetProperty("status").GetString());
        Assert.Equal(4.95m, read.GetProperty("feesByType").GetProperty("processing").GetDecimal());
        Assert.Equal(15.00m, read.GetProperty("feesByType").GetProperty("chargeback").GetDecimal());
        var lines = read.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal(("Matched", "web:1001"), (lines[0].GetProperty("match").GetString(), lines[0].GetProperty("orderId").GetString()));
        Assert.Equal("Unmatched", lines[1].GetProperty("match").GetString());
        Assert.Equal("Chargeback", lines[3].GetProperty("line").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Upload_WithIdempotencyKey_IsReplayed_AndTheKeyCannotCarryAnotherFile()
    {
        var sample = UniqueSample.Stripe();
        var finance = cluster.Client(SettlementCluster.FinanceKey);
        finance.DefaultRequestHeaders.Add("Idempotency-Key", "upload-" + sample.BatchId);

        var first = await SettlementCluster.UploadAsync(finance, sample);
        var replay = await SettlementCluster.UploadAsync(finance, sample);

        await first.AssertOkAsync(HttpStatusCode.Created);
        await replay.AssertOkAsync(HttpStatusCode.Created);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        var other = sample.Content.Replace("Order 1002", "Order 1002 (b)", StringComparison.Ordinal);
        await (await SettlementCluster.UploadAsync(finance, sample, content: other)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
    }

    [Fact]
    public async Task Upload_NeedsFinanceOrAdmin()
    {
        var sample = UniqueSample.Stripe();

        await (await SettlementCluster.UploadAsync(cluster.Client(null), sample)).AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-missing");
        await (await SettlementCluster.UploadAsync(cluster.Client("not-a-key-at-all"), sample)).AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-invalid");
        await (await SettlementCluster.UploadAsync(cluster.Client(SettlementCluster.WebKey), sample)).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        await (await cluster.Client(SettlementCluster.WebKey).GetAsync("/v1/receivables")).AssertProblemAsync(HttpStatusCode.Forbidden, "scope-missing");
        Assert.Equal(0, await cluster.JournalLengthAsync("settlement-batch", sample.Key));

        await (await SettlementCluster.UploadAsync(cluster.Client(SettlementCluster.AdminKey), sample)).AssertOkAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task MalformedRow_Is422NamingRowAndColumn_AndNothingIsStored()
    {
        var sample = UniqueSample.Adyen();
        var finance = cluster.Client(SettlementCluster.FinanceKey);
        var broken = sample.Content.Replace(",78.40,", ",78.4O,", StringComparison.Ordinal);

        var problem = await (await SettlementCluster.UploadAsync(finance, sample, content: broken))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-settlement-file");

        Assert.Equal(3, problem.GetProperty("row").GetInt32());
        Assert.Equal("Net Credit (NC)", problem.GetProperty("column").GetString());
        Assert.Contains("Row 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await cluster.JournalLengthAsync("settlement-batch", sample.Key));
        await (await finance.GetAsync($"/v1/settlements/adyen/batches/{sample.BatchId}")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task BadRequests_AreProblems_AndChangeNothing()
    {
        var sample = UniqueSample.Stripe();
        var finance = cluster.Client(SettlementCluster.FinanceKey);

        await (await SettlementCluster.UploadAsync(finance, sample, mediaType: "application/json")).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        var unknown = await (await finance.PostAsync($"/v1/settlements/paypal/batches/{sample.BatchId}", new StringContent(sample.Content, Encoding.UTF8, "text/csv")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        Assert.NotEmpty(unknown.FieldErrors("provider"));
        await (await finance.PostAsync("/v1/settlements/stripe/batches/po_other", new StringContent(sample.Content, Encoding.UTF8, "text/csv")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-settlement-file");
        await (await finance.PostAsync($"/v1/settlements/stripe/batches/{sample.BatchId}", new StringContent("", Encoding.UTF8, "text/csv")))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-settlement-file");
        Assert.Equal(0, await cluster.JournalLengthAsync("settlement-batch", sample.Key));

        await (await SettlementCluster.UploadAsync(finance, sample)).AssertOkAsync(HttpStatusCode.Created);
        var journal = await cluster.JournalLengthAsync("settlement-batch", sample.Key);
        var changed = sample.Content.Replace("Order 1002", "Order 1002 (corrected)", StringComparison.Ordinal);
        var conflict = await (await SettlementCluster.UploadAsync(finance, sample, content: changed)).AssertProblemAsync(HttpStatusCode.Conflict, "settlement-batch-conflict");
        Assert.Equal(journal, await cluster.JournalLengthAsync("settlement-batch", sample.Key));
        // Issue 17, fix 5: the answer names what differs, down to the first line that does.
        Assert.Contains("They first differ at row 3 (line 'txn_3Q1bWeb1002", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Captures_AreRecordedOnce_AndShowAsProvisionalReceivablesByAge()
    {
        var finance = cluster.Client(SettlementCluster.FinanceKey);
        var tag = Guid.NewGuid().ToString("N")[..12];
        var channel = "c" + tag;
        var body = new { reference = "pi_A-" + tag, orderId = channel + ":7001", amount = 25.50m, currency = "USD", capturedAt = DateTimeOffset.UtcNow.AddDays(-2) };

        var first = await (await finance.PostAsJsonAsync("/v1/receivables/stripe/captures", body)).AssertOkAsync(HttpStatusCode.Created);
        var again = await (await finance.PostAsJsonAsync("/v1/receivables/stripe/captures", body)).AssertOkAsync();
        var bad = await (await finance.PostAsJsonAsync("/v1/receivables/stripe/captures", new { reference = "pi_B-" + tag, orderId = "7002", amount = -1m, currency = "US" }))
            .AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
        var receivables = await (await finance.GetAsync($"/v1/receivables?provider=stripe&channel={channel}")).AssertOkAsync();

        Assert.True(first.GetProperty("recorded").GetBoolean());
        Assert.False(again.GetProperty("recorded").GetBoolean());
        Assert.All(["orderId", "amount", "currency", "capturedAt"], field => Assert.NotEmpty(bad.FieldErrors(field)));
        var bucket = Assert.Single(Assert.Single(receivables.GetProperty("providers").EnumerateArray()).GetProperty("buckets").EnumerateArray());
        Assert.Equal(("1-3d", "USD", 1, 25.50m),
            (bucket.GetProperty("age").GetString(), bucket.GetProperty("currency").GetString(), bucket.GetProperty("count").GetInt32(), bucket.GetProperty("amount").GetDecimal()));
        await (await finance.GetAsync("/v1/receivables?provider=paypal")).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "validation-failed");
    }

    internal static async Task CaptureAsync(HttpClient client, string provider, string reference, string orderId, decimal amount, DateTimeOffset? at = null, string currency = "USD") =>
        await (await client.PostAsJsonAsync($"/v1/receivables/{provider}/captures",
            new { reference, orderId, amount, currency, capturedAt = at ?? DateTimeOffset.UtcNow.AddHours(-1) })).AssertOkAsync(HttpStatusCode.Created);
}
