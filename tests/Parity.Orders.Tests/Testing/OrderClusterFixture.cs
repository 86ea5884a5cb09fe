using Orleans.TestingHost;

namespace Parity.Orders.Tests.Testing;

/// <summary>One single-silo cluster shared by the tests of the <see cref="OrderClusterCollection"/>; each test uses its own SKUs and orders.</summary>
public sealed class OrderClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<OrderSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

/// <summary>The test classes that share <see cref="OrderClusterFixture"/>'s cluster.</summary>
[CollectionDefinition(Name)]
public sealed class OrderClusterCollection : ICollectionFixture<OrderClusterFixture>
{
    public const string Name = "Order cluster";
}
