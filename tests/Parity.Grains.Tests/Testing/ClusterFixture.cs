using Parity.Runtime.Testing;

namespace Parity.Grains.Tests.Testing;

/// <summary>One single-silo cluster shared by the tests of a class; each test uses its own SKU.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await InventoryCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
