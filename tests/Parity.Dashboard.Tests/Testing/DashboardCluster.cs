using Orleans.Hosting;
using Orleans.TestingHost;
using Parity.Grains.Hosting;

namespace Parity.Dashboard.Tests.Testing;

/// <summary>
/// One in-process Orleans cluster for the whole test project: a silo with Parity's grains on the memory stores, as
/// tests and <c>Parity:Storage:Provider=Memory</c> run them. Web hosts (<see cref="DashboardHost"/>) come and go on top
/// of its cluster client, as the gateway process runs apart from the silos.
/// </summary>
public sealed class DashboardCluster : IAsyncLifetime
{
    public const string CollectionName = "dashboard cluster";

    private TestCluster? _cluster;

    public IClusterClient Client => (_cluster ?? throw new InvalidOperationException("The cluster is not started.")).Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddParityGrains(siloBuilder.Configuration).UseParityMemoryStores();
    }
}

[CollectionDefinition(DashboardCluster.CollectionName)]
public sealed class DashboardCollection : ICollectionFixture<DashboardCluster>;
