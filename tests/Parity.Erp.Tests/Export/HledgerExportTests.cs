using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Posting;
using static Parity.Erp.Tests.Testing.Facts;

namespace Parity.Erp.Tests.Export;

// The exported day is posted on the collection's cluster (its hledger directory, one file per legal entity and date)
// to a sandbox of the test's own.
[Collection(SandboxErpFixture.CollectionName)]
public sealed class HledgerExportTests(SandboxErpFixture fixture) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("parity-hledger-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ExportedDay_PassesHledgerCheck_AndItsBalancesMatchTheFiguresComputedByHand()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        var exporter = cluster.Exporter;
        var entity = ErpCluster.NewLegalEntity();
        fixture.Routes.Route(entity, sandbox);

        // A day: five web sales, a partial return and its refund, a store day, a card settlement.
        var facts = new List<BusinessFact>();
        decimal revenue = 0, tax = 0, shipping = 0, discount = 0, card = 0, cogs = 0;
        for (var i = 1; i <= 5; i++)
        {
            decimal r = 40m * i, t = r * 0.2m, s = 4.95m, d = i == 3 ? 10m : 0m, c = 15.5m * i;
            revenue += r; tax += t; shipping += s; discount += d; card += r + t + s - d; cogs += c;
            facts.Add(Of(BusinessFactKind.SaleShipped, entity, $"ship-{i}",
                A("revenue", r), A("tax", t, "VAT20"), A("shipping", s), A("discount", d), A("tender", r + t + s - d, "card"), A("cogs", c, "SKU-1")));
        }

        facts.Add(Of(BusinessFactKind.SaleReturned, entity, "return-1", A("revenue", 30m), A("tax", 6m, "VAT20"), A("cogs", 12m, "SKU-1"), A("tender", 36m, "card")));
        facts.Add(Of(BusinessFactKind.Refunded, entity, "refund-1", A("tender", 36m, "card")));
        facts.Add(Of(BusinessFactKind.StoreDaySummary, entity, "store-day-1",
            A("revenue", 450m), A("gift-card-issued", 50m), A("tax", 90m, "VAT20"),
            A("tender", 300m, "cash"), A("tender", 250m, "card"), A("tender", 40m, "gift-card"), A("cogs", 200m, "SKU-2")));
        facts.Add(Of(BusinessFactKind.SettlementReceived, entity, "settlement-1",
            A("tender", 400m, "card"), A("payout", 388.40m), A("fee", 8m, "commission"), A("fee", 3.60m, "scheme")));

        var intake = cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
        foreach (var fact in facts)
        {
            await intake.SubmitAsync(fact);
        }

        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == facts.Count, TimeSpan.FromSeconds(20), "the day is posted");

        // Debit positive, by hand from the amounts above (not through the posting rules).
        var expected = new Dictionary<string, decimal>
        {
            ["revenue:merchandise"] = -revenue + 30m - 450m,
            ["liabilities:tax:vat20"] = -tax + 6m - 90m,
            ["revenue:shipping"] = -shipping,
            ["revenue:discounts"] = discount,
            ["assets:clearing:card"] = card - 36m + 250m - 400m,
            ["assets:clearing:cash"] = 300m,
            ["liabilities:gift-cards"] = -50m + 40m,
            ["liabilities:refunds-payable"] = -36m + 36m,
            ["expenses:cogs"] = cogs - 12m + 200m,
            ["assets:inventory"] = -cogs + 12m - 200m,
            ["assets:bank"] = 388.40m,
            ["expenses:fees:commission"] = 8m,
            ["expenses:fees:scheme"] = 3.60m,
        };
        var file = exporter.PathOf(entity, DateOnly.FromDateTime(Day.UtcDateTime));
        var check = await Hledger.RunAsync("-f", file, "check", "--strict");
        Assert.True(check.ExitCode == 0, $"hledger check failed: {check.Error}");
        var balances = await Hledger.BalancesAsync(file, "EUR");
        Assert.Equal(expected.Where(p => p.Value != 0).OrderBy(p => p.Key), balances.OrderBy(p => p.Key));

        // hledger's totals agree with what the ERP booked, account by account.
        var booked = (await sandbox.DocumentsAsync()).SelectMany(d => d.Journal.Lines!)
            .GroupBy(l => exporter.AccountName(l.Account!)).ToDictionary(g => g.Key, g => g.Sum(l => l.Debit - l.Credit));
        Assert.Equal(booked.Where(p => p.Value != 0).OrderBy(p => p.Key), balances.OrderBy(p => p.Key));
    }

    [Fact]
    public void Export_IsIdempotentByJournalKey_AcrossExporterInstances()
    {
        var rules = new PostingRuleBook(PostingRulesOptions.CreateDefault());
        var journal = Assert.IsType<JournalBuilt>(rules.Current.Build(SaleShipped("LE-X"))).Journal;

        Assert.True(new HledgerExporter(_directory, rules).Export(journal, "JE-1"));
        Assert.False(new HledgerExporter(_directory, rules).Export(journal, "JE-1"));

        var text = File.ReadAllText(new HledgerExporter(_directory, rules).PathOf("LE-X", journal.PostingDate));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, journal.JournalKey));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "(?m)^account revenue:merchandise$"));
    }

    [Fact]
    public async Task ExportWithAnUnbalancedTransaction_FailsHledgerCheck_SoTheCheckCanFail()
    {
        var file = Path.Combine(_directory, "broken.journal");
        await File.WriteAllTextAsync(file, "2026-12-01 * (je-x) broken\n    assets:bank  10 EUR\n    revenue:merchandise  -9 EUR\n");

        Assert.NotEqual(0, (await Hledger.RunAsync("-f", file, "check")).ExitCode);
    }
}
