using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Posting;
using static Parity.Erp.Tests.Testing.Facts;

namespace Parity.Erp.Tests.Posting;

public sealed class ErpPostingServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddParityErpPosting(configuration).BuildServiceProvider();
    }

    [Fact]
    public void WithoutBaseUrl_JournalsQueue_AndTheDefaultRulesApply()
    {
        using var services = Build([]);

        Assert.IsType<UnconfiguredErpConnector>(services.GetRequiredService<IErpConnector>());
        Assert.Null(services.GetService<HledgerExporter>());
        Assert.IsType<JournalBuilt>(services.GetRequiredService<PostingRuleBook>().Current.Build(SaleShipped("LE-1")));
    }

    [Fact]
    public void ConfiguredRules_BaseUrlAndExport_AreBound()
    {
        using var services = Build(new()
        {
            ["Parity:Erp:BaseUrl"] = "http://127.0.0.1:5090",
            ["Parity:Erp:HledgerDirectory"] = Path.GetTempPath(),
            ["Parity:Erp:MaxConcurrentPosts"] = "2",
            ["Parity:Erp:Posting:RoundingAccount"] = "8999",
            ["Parity:Erp:Posting:Accounts:4000"] = "revenue",
            ["Parity:Erp:Posting:Accounts:1210"] = "card",
            ["Parity:Erp:Posting:Rules:0:Type"] = "revenue",
            ["Parity:Erp:Posting:Rules:0:Account"] = "4000",
            ["Parity:Erp:Posting:Rules:0:Side"] = "Credit",
            ["Parity:Erp:Posting:Rules:1:Kind"] = "SaleShipped",
            ["Parity:Erp:Posting:Rules:1:Type"] = "tender",
            ["Parity:Erp:Posting:Rules:1:Qualifier"] = "card",
            ["Parity:Erp:Posting:Rules:1:Account"] = "1210",
            ["Parity:Erp:Posting:Rules:1:Side"] = "Debit",
        });

        Assert.IsType<HttpErpConnector>(services.GetRequiredService<IErpConnector>());
        Assert.NotNull(services.GetService<HledgerExporter>());
        Assert.Equal(2, services.GetRequiredService<IOptions<ErpPostingOptions>>().Value.MaxConcurrentPosts);
        var journal = Assert.IsType<JournalBuilt>(services.GetRequiredService<PostingRuleBook>().Current
            .Build(Of(BusinessFactKind.SaleShipped, "LE-1", A("revenue", 10m), A("tender", 10.01m, "card")))).Journal;
        Assert.Equal(["1210", "4000", "8999"], journal.Lines.Select(l => l.Account).Order());
    }

    [Fact]
    public void OneRuleConfiguredById_AmendsTheDefaults_InsteadOfReplacingThem()
    {
        using var services = Build(new()
        {
            // Overrides the default rule tax-us-sales by naming only what changes; adds a rule of a new id with its account.
            ["Parity:Erp:Posting:Rules:0:Id"] = "tax-us-sales",
            ["Parity:Erp:Posting:Rules:0:Account"] = "2251",
            ["Parity:Erp:Posting:Rules:1:Id"] = "tax-us-food",
            ["Parity:Erp:Posting:Rules:1:Type"] = "tax",
            ["Parity:Erp:Posting:Rules:1:Qualifier"] = "US-FOOD",
            ["Parity:Erp:Posting:Rules:1:Account"] = "2252",
            ["Parity:Erp:Posting:Rules:1:Side"] = "Credit",
            ["Parity:Erp:Posting:Accounts:2251"] = "liabilities:tax:state",
            ["Parity:Erp:Posting:Accounts:2252"] = "liabilities:tax:food",
        });

        var rules = services.GetRequiredService<PostingRuleBook>().Current;
        var journal = Assert.IsType<JournalBuilt>(rules.Build(Of(BusinessFactKind.StoreDaySummary, "LE-1",
            A("revenue", 110m), A("tax", 8.25m, "US-SALES"), A("tax", 1m, "US-FOOD"), A("tender", 119.25m, "cash")))).Journal;

        Assert.Equal(new Dictionary<string, decimal> { ["1010"] = 119.25m, ["4000"] = -110m, ["2251"] = -8.25m, ["2252"] = -1m }.OrderBy(p => p.Key),
            journal.Lines.GroupBy(l => l.Account).ToDictionary(g => g.Key, g => g.Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount)).OrderBy(p => p.Key));
        Assert.Equal(("liabilities:tax:state", "liabilities:tax:food", "revenue:merchandise"), (rules.Accounts["2251"], rules.Accounts["2252"], rules.Accounts["4000"]));
    }

    [Fact]
    public void InvalidRule_IsRefusedWithItsName()
    {
        using var services = Build(new()
        {
            ["Parity:Erp:Posting:Rules:0:Kind"] = "SaleShiped",
            ["Parity:Erp:Posting:Rules:0:Type"] = "revenue",
            ["Parity:Erp:Posting:Rules:0:Account"] = "4000",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PostingRulesOptions>>().Value);
        Assert.Contains("SaleShiped", error.Message);
    }
}
