using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Runtime;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.Grains.Tests.Testing;
using Parity.Providers.Metadata;

namespace Parity.Grains.Tests.Operations;

/// <summary>A silo built by <c>AddParityGrains</c> resolves grain interface types from memory, with the answer Orleans'
/// own resolution gives.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainInterfaceTypeCacheTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GetGrain_IsAnsweredByTheCache_WithOrleansOwnInterfaceType()
    {
        var services = Assert.IsType<InProcessSiloHandle>(fixture.Cluster.Primary).SiloHost.Services;
        var cache = Assert.IsType<CachedGrainInterfaceTypeProvider>(services.GetServices<IGrainInterfaceTypeProvider>().First());
        var resolver = services.GetRequiredService<GrainInterfaceTypeResolver>();

        foreach (var type in new[] { typeof(IInventoryPositionGrain), typeof(IOrderGrain) })
        {
            var resolved = resolver.GetGrainInterfaceType(type);
            Assert.Equal(resolver.GetGrainInterfaceTypeByConvention(type), resolved);
            Assert.True(cache.TryGetGrainInterfaceType(type, out var cached));
            Assert.Equal(resolved, cached);
        }

        // And references made through it reach their grain.
        var position = fixture.Cluster.GrainFactory.GetGrain<IInventoryPositionGrain>($"SKU-{Guid.NewGuid():N}@STORE-1");
        Assert.Equal(0, await position.GetAvailableToSellAsync("web"));
    }
}
