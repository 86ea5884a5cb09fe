using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;

namespace Parity.Grains.Tests.Inventory;

public sealed class SkuAvailabilityTests
{
    [Fact]
    public void For_SumsLocations_AndListsWhereLargestFirst()
    {
        var availability = new SkuAvailability("SKU-1");
        availability.Update(Push("STORE-1", 1, web: 3, unlisted: 1));
        availability.Update(Push("DC-1", 1, web: 40, unlisted: 0));
        availability.Update(Push("STORE-2", 1, web: 0, unlisted: 5));

        var web = availability.For("web");
        var other = availability.For("b2b");

        Assert.Equal(43, web.Total);
        Assert.Equal([new LocationAts("DC-1", 40), new LocationAts("STORE-1", 3)], web.Locations);
        Assert.Equal(6, other.Total);
    }

    [Fact]
    public void For_WithSourcing_TotalsOnlySourcedLocations_ButListsEvery()
    {
        var availability = new SkuAvailability("SKU-1");
        availability.Update(Push("DC-1", 1, web: 8, unlisted: 0));
        availability.Update(Push("STORE-1", 1, web: 4, unlisted: 0));

        var web = availability.For("web", ["DC-1", "DC-2"]);

        Assert.Equal(8, web.Total);
        Assert.Equal([new LocationAts("DC-1", 8), new LocationAts("STORE-1", 4)], web.Locations);
        Assert.Equal(["DC-1", "DC-2"], web.SourcedFrom!);
        Assert.Equal(12, availability.For("web", []).Total);
        Assert.Null(availability.For("web", []).SourcedFrom);
    }

    [Fact]
    public void Update_StalePush_IsIgnored()
    {
        var availability = new SkuAvailability("SKU-1");
        Assert.True(availability.Update(Push("STORE-1", 5, web: 3, unlisted: 0)));

        Assert.False(availability.Update(Push("STORE-1", 4, web: 9, unlisted: 0)));
        Assert.Equal(3, availability.For("web").Total);
    }

    private static PositionAvailability Push(string location, long version, int web, int unlisted) =>
        new(location, version, new Dictionary<string, int> { ["web"] = web }, unlisted);
}
