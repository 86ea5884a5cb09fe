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
