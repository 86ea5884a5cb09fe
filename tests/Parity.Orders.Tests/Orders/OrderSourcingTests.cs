using Parity.Grains.Orders;

namespace Parity.Orders.Tests.Orders;

public sealed class OrderSourcingTests
{
    private static Func<string, string, int> Stock(Dictionary<(string, string), int> ats) => (sku, location) => ats.GetValueOrDefault((sku, location));

    [Fact]
    public void Plan_OneLocationHoldsEverything_UsesItEvenIfLessPreferred()
    {
        var ats = new Dictionary<(string, string), int> { [("A", "S1")] = 1, [("A", "DC")] = 2, [("B", "DC")] = 1 };

        var plan = OrderSourcing.Plan([new("1", "A", 2), new("2", "B", 1)], ["S1", "DC"], 2, Stock(ats));

        Assert.All(plan.Picks, p => Assert.Equal("DC", p.LocationId));
        Assert.Empty(plan.Backordered);
    }

    [Fact]
    public void Plan_TiesGoToThePreferredLocation()
    {
        var ats = new Dictionary<(string, string), int> { [("A", "S1")] = 5, [("A", "DC")] = 5 };

        var plan = OrderSourcing.Plan([new("1", "A", 2)], ["S1", "DC"], 2, Stock(ats));

        Assert.Equal("S1", Assert.Single(plan.Picks).LocationId);
    }

    [Fact]
    public void Plan_SplitsAtMostMaxSplits_AndBackordersTheRest()
    {
        var ats = new Dictionary<(string, string), int> { [("A", "S1")] = 1, [("A", "S2")] = 1, [("A", "DC")] = 1 };

        var plan = OrderSourcing.Plan([new("1", "A", 3)], ["S1", "S2", "DC"], 2, Stock(ats));

        Assert.Equal(["S1", "S2"], plan.Picks.Select(p => p.LocationId));
        Assert.Equal(new LineQuantity("1", 1), Assert.Single(plan.Backordered));
    }

    [Fact]
    public void Plan_TwoLocationsThatCoverEverything_BeatTheLargestLocationFirst()
    {
        // S1 covers the most units alone, but S1 plus either other location still leaves a line short;
        // S2 and DC together cover every line, so taking the largest first would split three ways or backorder.
        var ats = new Dictionary<(string, string), int>
        {
            [("A", "S1")] = 1, [("B", "S1")] = 1, [("C", "S1")] = 1, [("D", "S1")] = 1,
            [("A", "S2")] = 1, [("C", "S2")] = 1, [("E", "S2")] = 1,
            [("B", "DC")] = 1, [("D", "DC")] = 1, [("F", "DC")] = 1,
        };
        SourcingDemand[] demand = [new("1", "A", 1), new("2", "B", 1), new("3", "C", 1), new("4", "D", 1), new("5", "E", 1), new("6", "F", 1)];

        var plan = OrderSourcing.Plan(demand, ["S1", "S2", "DC"], 2, Stock(ats));

        Assert.Empty(plan.Backordered);
        Assert.Equal(["DC", "S2"], plan.Picks.Select(p => p.LocationId).Distinct().Order());
        Assert.Equal(6, plan.Picks.Sum(p => p.Quantity));
    }

    [Fact]
    public void Plan_CoveringPairsOfEqualSize_PreferTheMorePreferredLocations_FilledInThatOrder()
    {
        var ats = new Dictionary<(string, string), int> { [("A", "S1")] = 2, [("A", "S2")] = 1, [("A", "DC")] = 2 };

        var plan = OrderSourcing.Plan([new("1", "A", 3)], ["S1", "S2", "DC"], 2, Stock(ats));

        Assert.Empty(plan.Backordered);
        Assert.Equal([("S1", 2), ("S2", 1)], plan.Picks.Select(p => (p.LocationId, p.Quantity)));
    }

    [Fact]
    public void Plan_LinesOfOneSku_ShareThePositionsStock()
    {
        var ats = new Dictionary<(string, string), int> { [("A", "S1")] = 3 };

        var plan = OrderSourcing.Plan([new("1", "A", 2), new("2", "A", 2)], ["S1"], 1, Stock(ats));

        Assert.Equal(3, plan.Picks.Sum(p => p.Quantity));
        Assert.Equal(1, plan.Backordered.Sum(b => b.Quantity));
    }

    [Fact]
    public void Plan_NoLocations_BackordersEverything()
    {
        var plan = OrderSourcing.Plan([new("1", "A", 2)], [], 2, (_, _) => 10);

        Assert.Empty(plan.Picks);
        Assert.Equal(2, plan.Backordered.Single().Quantity);
    }
}
