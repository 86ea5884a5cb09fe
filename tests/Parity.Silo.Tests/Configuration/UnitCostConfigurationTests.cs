using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.Grains.Items;
using Parity.Silo.Tests.Testing;
using Parity.TestInfrastructure;

namespace Parity.Silo.Tests.Configuration;

/// <summary>The unit-cost example of docs/operations.md: costs given on the silo's command line, SKUs with hyphens and
/// all, reach the cost table orders and store days post COGS from.</summary>
public sealed class UnitCostConfigurationTests
{
    [Fact]
    public async Task UnitCosts_OnTheCommandLine_ReachTheCostTable()
    {
        var ports = FreePorts.Take(2);
        await using var app = SiloHost.Build(["--Parity:Items:UnitCosts:SKU-1=12.40", "--Parity:Items:UnitCosts:SKU-2=3.125"], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(TestSilo.BaseSettings(ports[0], ports[1]));
        });

        var costs = app.Services.GetRequiredService<IOptions<ItemCostOptions>>().Value.UnitCosts;

        Assert.Equal(new Dictionary<string, decimal> { ["SKU-1"] = 12.40m, ["SKU-2"] = 3.125m }, costs);
    }
}
