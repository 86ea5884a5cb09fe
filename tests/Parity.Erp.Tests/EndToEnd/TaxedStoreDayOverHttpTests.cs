using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parity.Erp.Tests.Testing;
using Parity.Grains.Items;
using Parity.Grains.Posting;
using Parity.Grains.StoreDays;
using static Parity.Erp.Tests.Testing.HttpChecks;

namespace Parity.Erp.Tests.EndToEnd;

/// <summary>
/// Issue 15, fix 2: a US store day with sales tax, driven through the gateway's HTTP API over real grains and the
/// sandbox ERP with the default configuration (store currency USD, no posting rule configured). Tax codes come from
/// the POS lines (JSON <c>taxCode</c>, CSV <c>tax_code</c>) or the store's default; the day's summary posts balanced;
/// a summary posting holds is shown as held with its exception, never as posted; a posting rule configured by id
/// amends the defaults instead of replacing them.
/// </summary>
public sealed class TaxedStoreDayOverHttpTests : IDisposable
{
    private const string Store = "STORE-TAX";
    private const string Date = "2026-12-02";
    private const string StoreKey = "tax-store-key-000001";
    private const string AdminKey = "tax-admin-key-000001";
    private const string SalesTax = "US-SALES";
    private static readonly DateTimeOffset At = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Directory.CreateTempSubdirectory("parity-tax-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> Settings(SandboxServer sandbox)
    {
        var settings = ErpCluster.QuickRetriesTo(sandbox);
        settings[ErpCluster.Erp(nameof(ErpPostingOptions.HledgerDirectory))] = _directory;
        settings[$"{ItemCostOptions.SectionName}:{nameof(ItemCostOptions.UnitCosts)}:SKU-POS"] = "15";
        settings[$"{StoreDayOptions.SectionName}:{nameof(StoreDayOptions.RetryPeriod)}"] = ErpCluster.Span(TimeSpan.FromMilliseconds(200));
        return settings;
    }

    [Fact]
    public async Task TaxedUsStoreDay_WithTheDefaultConfiguration_PostsBalancedToTheSandboxAndHledger()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var cluster = await ErpTestCluster.StartAsync(Settings(sandbox));
        await using var gateway = await GatewayServer.StartAsync(cluster.Client, (StoreKey, Store, ["pos:write", "pos:read"]));
        var store = gateway.Client(StoreKey);

        // JSON: T1 with no tax code (the store's default, US-SALES), T2 naming its code (lower case is accepted).
        await Ok(store.PostAsJsonAsync($"/v1/stores/{Store}/days/{Date}/batches", new
        {
            batchId = "B-1",
            tickets = new object[]
            {
                new { ticketId = "T1", occurredAt = At, lines = new[] { new { type = "sale", sku = "SKU-POS", quantity = 2, unitPrice = 50m, tax = 8.25m } }, tenders = new[] { new { method = "card", amount = 108.25m } } },
                new { ticketId = "T2", occurredAt = At, lines = new[] { new { type = "sale", sku = "SKU-POS", quantity = 1, unitPrice = 10m, tax = 2.00m, taxCode = "vat20" } }, tenders = new[] { new { method = "cash", amount = 12.00m } } },
            },
        }));

        // CSV: T3 names US-SALES and sells a gift card (no tax); T4 returns one of T1's units with a blank tax_code.
        var csv = string.Join('\n',
            "ticket_id,store,business_date,occurred_at,line_type,sku,quantity,unit_price,tax,restock,tender_method,amount,tax_code",
            $"T3,{Store},{Date},2026-12-02T16:00:00Z,sale,SKU-POS,1,20.00,1.65,,,,US-SALES",
            $"T3,{Store},{Date},2026-12-02T16:00:00Z,gift-card,,,,,,,25.00,",
            $"T3,{Store},{Date},2026-12-02T16:00:00Z,tender,,,,,,cash,46.65,",
            $"T4,{Store},{Date},2026-12-02T17:00:00Z,return,SKU-POS,1,50.00,4.13,true,,,",
            $"T4,{Store},{Date},2026-12-02T17:00:00Z,tender,,,,,,card,-54.13,") + "\n";
        await Ok(store.PostAsync($"/v1/stores/{Store}/days/{Date}/batches?batchId=B-2", new StringContent(csv, Encoding.UTF8, "text/csv")));

        var closed = await Ok(store.PostAsync($"/v1/stores/{Store}/days/{Date}/close", null));
        Assert.Equal("USD", closed.GetProperty("currency").GetString());

        // By hand (debit positive): revenue 100 + 10 + 20 − 50 = 80; sales tax 8.25 + 1.65 − 4.13 = 5.77; VAT 20 % 2.00;
        // gift cards 25; card 108.25 − 54.13 = 54.12; cash 12.00 + 46.65 = 58.65; COGS (4 sold − 1 restocked) × 15 = 45.
        // 54.12 + 58.65 = 112.77 = 80 + 5.77 + 2.00 + 25.
        var expected = new Dictionary<string, decimal>
        {
            ["1210"] = 54.12m, ["1010"] = 58.65m, ["4000"] = -80m, ["2250"] = -5.77m, ["2200"] = -2.00m, ["2400"] = -25m,
            ["5000"] = 45m, ["1300"] = -45m,
        };
        IReadOnlyList<Parity.ErpSandbox.SandboxDocument> documents = [];
        await ErpCluster.WaitUntilAsync(async () => (documents = await sandbox.DocumentsAsync()).Count == 1, because: "the store day's summary reaches the sandbox");
        var books = documents.Single().Journal.Lines!.GroupBy(l => l.Account!).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.Equal(expected.OrderBy(p => p.Key), books.OrderBy(p => p.Key));
        Assert.Equal((1L, 0L), ((await sandbox.CountsAsync()).Posted, (await sandbox.CountsAsync()).Rejected));

        var day = await Ok(store.GetAsync($"/v1/stores/{Store}/days/{Date}"));
        Assert.Equal([StoreDayPosting.SummaryFactId(new(Store, DateOnly.Parse(Date, System.Globalization.CultureInfo.InvariantCulture)))],
            day.GetProperty("postedFacts").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(day.GetProperty("heldPostings").EnumerateArray());
        Assert.Empty(day.GetProperty("pendingPostings").EnumerateArray());
        var taxByCode = day.GetProperty("totals").GetProperty("taxByCode");
        Assert.Equal((5.77m, 2.00m), (taxByCode.GetProperty("US-SALES").GetDecimal(), taxByCode.GetProperty("VAT20").GetDecimal()));

        // hledger checks the exported journal on its own and agrees with the hand computation.
        var files = Directory.GetFiles(_directory, "*.journal", SearchOption.AllDirectories);
        var journal = Path.Combine(_directory, "day.ledger");
        await File.WriteAllLinesAsync(journal, files.Select(f => $"include {f}"));
        var check = await Hledger.RunAsync("-f", journal, "check", "--strict");
        Assert.True(check.ExitCode == 0, $"hledger check failed: {check.Error}");
        var exporter = cluster.Exporter;
        Assert.Equal(expected.ToDictionary(p => exporter.AccountName(p.Key), p => p.Value).OrderBy(p => p.Key),
            (await Hledger.BalancesAsync(journal, "USD")).OrderBy(p => p.Key));
    }

    [Fact]
    public async Task HeldSummary_IsShownAsHeldWithItsException_NeverAsPosted_UntilFinanceReleasesIt()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var cluster = await ErpTestCluster.StartAsync(Settings(sandbox));
        await using var gateway = await GatewayServer.StartAsync(cluster.Client, (StoreKey, Store, ["pos:write", "pos:read"]), (AdminKey, "operations", ["admin"]));
        var store = gateway.Client(StoreKey);
        var admin = gateway.Client(AdminKey);
        await Ok(store.PostAsJsonAsync($"/v1/stores/{Store}/days/{Date}/batches", new
        {
            batchId = "B-1",
            tickets = new[] { new { ticketId = "T1", occurredAt = At, lines = new[] { new { type = "sale", sku = "SKU-POS", quantity = 1, unitPrice = 100m, tax = 8.25m } }, tenders = new[] { new { method = "card", amount = 108.25m } } } },
        }));

        // The sales-tax mapping is lost before close (a bad configuration reload): the summary can only be held.
        var broken = PostingRulesOptions.CreateDefault();
        broken.Rules.RemoveAll(r => r.Type == "tax" && r.Qualifier == SalesTax);
        cluster.Rules.Replace(broken);
        var summaryId = StoreDayPosting.SummaryFactId(new(Store, DateOnly.Parse(Date, System.Globalization.CultureInfo.InvariantCulture)));
        try
        {
            foreach (var view in new[] { await Ok(store.PostAsync($"/v1/stores/{Store}/days/{Date}/close", null)), await Ok(store.GetAsync($"/v1/stores/{Store}/days/{Date}")) })
            {
                Assert.Empty(view.GetProperty("postedFacts").EnumerateArray());
                Assert.Empty(view.GetProperty("pendingPostings").EnumerateArray());
                var held = Assert.Single(view.GetProperty("heldPostings").EnumerateArray());
                Assert.Equal((summaryId, "UnmappedTaxCode"), (held.GetProperty("factId").GetString(), held.GetProperty("category").GetString()));
                Assert.Contains(SalesTax, held.GetProperty("reason").GetString(), StringComparison.Ordinal);
            }

            // The exception it names is the one on the console.
            var day = await Ok(store.GetAsync($"/v1/stores/{Store}/days/{Date}"));
            var exceptionId = day.GetProperty("heldPostings")[0].GetProperty("exceptionId").GetString()!;
            var listed = await Ok(admin.GetAsync("/v1/exceptions?category=UnmappedTaxCode"));
            Assert.Contains(listed.EnumerateArray(), e => e.GetProperty("traceKey").GetString() == exceptionId);
            Assert.Empty(await sandbox.DocumentsAsync());

            // Mapping restored, the exception replayed: the summary posts and the day says so.
            cluster.Rules.Replace(PostingRulesOptions.CreateDefault());
            var replay = await Ok(admin.PostAsync($"/v1/exceptions/{Uri.EscapeDataString(exceptionId)}/replay", null));
            Assert.True(replay.GetProperty("outcome").GetProperty("resolved").GetBoolean(), replay.ToString());
            await ErpCluster.WaitUntilAsync(async () => (await sandbox.DocumentsAsync()).Count == 1, because: "the released summary is posted");
            var released = await Ok(store.GetAsync($"/v1/stores/{Store}/days/{Date}"));
            Assert.Equal([summaryId], released.GetProperty("postedFacts").EnumerateArray().Select(f => f.GetString()));
            Assert.Empty(released.GetProperty("heldPostings").EnumerateArray());
        }
        finally
        {
            cluster.Rules.Replace(PostingRulesOptions.CreateDefault());
        }
    }

    [Fact]
    public async Task OnePostingRuleConfiguredById_OverridesItsDefault_AndTheOtherDefaultsStay()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var settings = Settings(sandbox);
        // Sales tax to 2200 instead of 2250: the rule's id and the one member that changes, nothing else.
        settings["Parity:Erp:Posting:Rules:0:Id"] = "tax-us-sales";
        settings["Parity:Erp:Posting:Rules:0:Account"] = "2200";
        await using var cluster = await ErpTestCluster.StartAsync(settings);
        await using var gateway = await GatewayServer.StartAsync(cluster.Client, (StoreKey, Store, ["pos:write", "pos:read"]));
        var store = gateway.Client(StoreKey);
        await Ok(store.PostAsJsonAsync($"/v1/stores/{Store}/days/{Date}/batches", new
        {
            batchId = "B-1",
            tickets = new[] { new { ticketId = "T1", occurredAt = At, lines = new[] { new { type = "sale", sku = "SKU-POS", quantity = 1, unitPrice = 100m, tax = 8.25m } }, tenders = new[] { new { method = "card", amount = 108.25m } } } },
        }));
        await Ok(store.PostAsync($"/v1/stores/{Store}/days/{Date}/close", null));

        IReadOnlyList<Parity.ErpSandbox.SandboxDocument> documents = [];
        await ErpCluster.WaitUntilAsync(async () => (documents = await sandbox.DocumentsAsync()).Count == 1, because: "the summary posts with the amended rules");
        var books = documents.Single().Journal.Lines!.GroupBy(l => l.Account!).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.Equal(new Dictionary<string, decimal> { ["1210"] = 108.25m, ["4000"] = -100m, ["2200"] = -8.25m, ["5000"] = 15m, ["1300"] = -15m }.OrderBy(p => p.Key),
            books.OrderBy(p => p.Key));
    }
}
