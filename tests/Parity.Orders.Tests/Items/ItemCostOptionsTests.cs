using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parity.Grains.Items;

namespace Parity.Orders.Tests.Items;

/// <summary>One unit-cost table for orders and store days, bound as the silo binds it.</summary>
public sealed class ItemCostOptionsTests
{
    [Fact]
    public void UnitCosts_AreBoundFromParityItems()
    {
        var options = Bind(new Dictionary<string, string?>
        {
            ["Parity:Orders:ParkingWindow"] = "00:15:00",
            ["Parity:Items:UnitCosts:SKU-NEW"] = "12.40",
            ["Parity:Items:UnitCosts:SKU-ZERO"] = "0",
        });

        Assert.Equal(new Dictionary<string, decimal> { ["SKU-NEW"] = 12.40m, ["SKU-ZERO"] = 0m }, options.Value.UnitCosts);
    }

    [Fact]
    public void UnitCosts_Negative_FailsValidationNamingTheSku()
    {
        var options = Bind(new Dictionary<string, string?> { ["Parity:Items:UnitCosts:SKU-1"] = "-1" });

        var error = Assert.Throws<OptionsValidationException>(() => options.Value);
        Assert.Contains("Parity:Items:UnitCosts:SKU-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cogs_RoundsPerSkuToTheCent_AndLeavesOutSkusWithoutACost()
    {
        var cogs = ItemCostOptions.Cogs([("B", 1), ("A", 1), ("A", 2), ("C", 5)], new Dictionary<string, decimal> { ["A"] = 0.335m, ["B"] = 0m });

        Assert.Equal([new Parity.GrainInterfaces.Posting.FactAmount("cogs", 1.01m, "A")], cogs);
    }

    private static IOptions<ItemCostOptions> Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddParityItemCosts(configuration).AddParityItemCosts(configuration);
        return services.BuildServiceProvider().GetRequiredService<IOptions<ItemCostOptions>>();
    }
}
