using Orleans.TestingHost;

namespace Parity.Grains.Tests.Testing;

/// <summary>One single-silo cluster shared by the tests of the <see cref="ClusterCollection"/>; each test uses its own SKUs.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<InventorySiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>The test classes that share <see cref="ClusterFixture"/>'s cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Inventory cluster";
}
