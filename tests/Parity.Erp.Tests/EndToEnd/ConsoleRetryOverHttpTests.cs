using System.Net.Http.Json;
using System.Text.Json;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Posting;

namespace Parity.Erp.Tests.EndToEnd;

/// <summary>
/// The exception console of issue 6 over HTTP: the real gateway on a loopback Kestrel server, with API keys, over a
/// cluster posting to the real sandbox ERP. A journal on an account the sandbox does not know is rejected, is listed by
/// <c>GET /v1/exceptions</c> (admin key), and after the mapping is fixed the console's replay endpoint (trace key
/// URL-encoded) posts it once; a second replay sends nothing. The cluster is the collection's (the test's own legal
/// entity and sandbox); the console lists every exception of it, so the test picks its journal's.
/// </summary>
[Collection(SandboxErpFixture.CollectionName)]
public sealed class ConsoleRetryOverHttpTests(SandboxErpFixture fixture)
{
    private const string AdminKey = "test-admin-key-001";
    private const string ReadOnlyKey = "test-readonly-0001";

    private static PostingRulesOptions RulesWithRevenueOn(string account)
    {
        var options = PostingRulesOptions.CreateDefault();
        options.Rules.Single(r => r.Kind == PostingRulesOptions.Any && r.Type == "revenue").Account = account;
        return options;
    }

    [Fact]
    public async Task HeldFactRetriedFromTheConsole_IsNotCountedAsPostedAutomatically()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        var rules = cluster.Rules;
        var entity = ErpCluster.NewLegalEntity();
        var channel = ErpCluster.NewChannel();
        fixture.Routes.Route(entity, sandbox);
        try
        {
            await using var gateway = await GatewayServer.StartAsync(cluster.Client, (AdminKey, "operations", ["admin"]));
            var admin = gateway.Client(AdminKey);

            // Two sales of the channel's day: one posts untouched, the other waits for a tax code nobody mapped yet.
            var intake = cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
            await intake.SubmitAsync(Facts.SaleShippedIn(channel, entity));
            var held = Facts.SaleShippedIn(channel, entity);
            held = held with { Amounts = [.. held.Amounts.Select(a => a.Type == FactAmountTypes.Tax ? a with { Qualifier = "VAT99" } : a)] };
            await intake.SubmitAsync(held);
            var record = Assert.Single((await Json(admin.GetAsync("/v1/exceptions?category=UnmappedTaxCode"))).EnumerateArray(),
                r => r.GetProperty("message").GetString()!.Contains(held.FactId, StringComparison.Ordinal));

            // Finance maps the code and retries from the console: the held sale is released by a person.
            var mapped = PostingRulesOptions.CreateDefault();
            mapped.Rules.Add(new PostingRuleOptions { Type = FactAmountTypes.Tax, Qualifier = "VAT99", Account = "2200", Side = JournalSide.Credit });
            rules.Replace(mapped);
            var replayed = await Json(admin.PostAsync($"/v1/exceptions/{Uri.EscapeDataString(record.GetProperty("traceKey").GetString()!)}/replay", null));
            Assert.True(replayed.GetProperty("outcome").GetProperty("resolved").GetBoolean(), replayed.ToString());

            var figures = default(JsonElement);
            await ErpCluster.WaitUntilAsync(async () =>
                {
                    figures = await Json(admin.GetAsync($"/v1/reconciliation?channel={channel}&date={Facts.Day:yyyy-MM-dd}"));
                    return figures.GetProperty("postedToErp") is { ValueKind: JsonValueKind.Number } posted && posted.GetInt32() == 2;
                }, because: "both sales reach the ERP and posting reports them to the figures");
            Assert.Equal(0.5, figures.GetProperty("shareAutomaticallyPosted").GetDouble());
            Assert.Equal(2L, (await sandbox.CountsAsync()).Posted);
        }
        finally
        {
            rules.Replace(PostingRulesOptions.CreateDefault());
        }
    }

    private static async Task<JsonElement> Json(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task RejectedJournal_ListedByTheConsole_FixedAndReplayedOverHttp_IsPostedOnce()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        var rules = cluster.Rules;
        var entity = ErpCluster.NewLegalEntity();
        fixture.Routes.Route(entity, sandbox);
        rules.Replace(RulesWithRevenueOn("4999"));
        try
        {
            await using var gateway = await GatewayServer.StartAsync(cluster.Client,
                (AdminKey, "operations", ["admin"]), (ReadOnlyKey, "readonly", ["inventory:read"]));
            var admin = gateway.Client(AdminKey);
            var readOnly = gateway.Client(ReadOnlyKey);

            var receipt = await cluster.Grains.GetGrain<IPostingIntakeGrain>(entity).SubmitAsync(Facts.SaleShipped(entity));
            var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);
            await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Rejected == 1, because: "the sandbox rejects the unknown account");

            // Visible on the console (admin scope only).
            Assert.Equal(403, (int)(await readOnly.GetAsync("/v1/exceptions?category=ErpRejected")).StatusCode);
            using var listed = await admin.GetAsync("/v1/exceptions?category=ErpRejected");
            Assert.True(listed.IsSuccessStatusCode, $"GET /v1/exceptions: {(int)listed.StatusCode} {await listed.Content.ReadAsStringAsync()}");
            var records = (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()
                .Where(r => r.GetProperty("message").GetString()!.Contains(receipt.JournalKey, StringComparison.Ordinal)).ToList();
            var record = Assert.Single(records);
            Assert.Contains("UnknownAccount", record.GetProperty("message").GetString());
            var traceKey = record.GetProperty("traceKey").GetString()!;
            Assert.Contains('/', traceKey);

            // Mapping fixed (it reloads without a restart), then re-driven from the console.
            rules.Replace(RulesWithRevenueOn("4000"));
            var replayUrl = $"/v1/exceptions/{Uri.EscapeDataString(traceKey)}/replay";
            using var first = new HttpRequestMessage(HttpMethod.Post, replayUrl);
            first.Headers.Add("Idempotency-Key", "replay-1-" + entity);
            using var answer = await admin.SendAsync(first);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.IsSuccessStatusCode, $"replay: {(int)answer.StatusCode} {body}");
            var outcome = JsonDocument.Parse(body).RootElement.GetProperty("outcome");
            Assert.True(outcome.GetProperty("resolved").GetBoolean(), body);
            await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 1, because: "the replayed journal is posted");

            // A second replay (another request) finds nothing rejected and sends nothing.
            using var second = new HttpRequestMessage(HttpMethod.Post, replayUrl);
            second.Headers.Add("Idempotency-Key", "replay-2-" + entity);
            using var again = await admin.SendAsync(second);
            var againBody = await again.Content.ReadAsStringAsync();
            Assert.True(again.IsSuccessStatusCode, $"second replay: {(int)again.StatusCode} {againBody}");
            Assert.False(JsonDocument.Parse(againBody).RootElement.GetProperty("outcome").GetProperty("resolved").GetBoolean(), againBody);

            var counts = await sandbox.CountsAsync();
            Assert.Equal((1L, 0L, 1L), (counts.Posted, counts.Duplicates, counts.Rejected));
            var document = Assert.Single(await sandbox.DocumentsAsync());
            Assert.Equal(receipt.JournalKey, document.Journal.ExternalId);
            Assert.Contains(document.Journal.Lines!, l => l.Account == "4000" && l.Credit == 100m);
        }
        finally
        {
            rules.Replace(PostingRulesOptions.CreateDefault());
        }
    }
}
