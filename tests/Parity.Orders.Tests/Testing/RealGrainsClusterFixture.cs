using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Parity.Providers.Schema;

namespace Parity.Orders.Tests.Testing;

/// <summary>
/// Two silos with the real grains on one migrated SQLite file (<see cref="RealGrainsSiloConfigurator"/>), shared by the
/// tests of the <see cref="RealGrainsClusterCollection"/>.
/// </summary>
public sealed class RealGrainsClusterFixture : IAsyncLifetime
{
    public const short Silos = 2;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parity-orders-" + Guid.NewGuid().ToString("N")[..12]);

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "parity.db") }.ConnectionString;
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
        var builder = new TestClusterBuilder(Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[RealGrainsSiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<RealGrainsSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Starts silos until the cluster has <see cref="Silos"/> again (a test before may have killed one).</summary>
    public async Task RestoreSilosAsync()
    {
        while (Cluster.GetActiveSilos().Count() < Silos)
        {
            await Cluster.StartAdditionalSiloAsync();
        }

        await Cluster.WaitForLivenessToStabilizeAsync();

        // Placement hints name only silos in the placing silo's cluster manifest.
        await Cluster.WaitForClusterManifestToStabilizeAsync();
    }

    /// <summary>A silo other than the primary, which hosts the test cluster's membership table and so must not be killed.</summary>
    public SiloHandle Secondary => Cluster.GetActiveSilos().First(s => !ReferenceEquals(s, Cluster.Primary));

    /// <summary>Crashes <paramref name="silo"/> (no graceful shutdown) and waits until the survivors declared it dead.</summary>
    public async Task KillAsync(SiloHandle silo)
    {
        Assert.NotSame(Cluster.Primary, silo);
        await Cluster.KillSiloAsync(silo);
        await OrderCluster.WaitUntilAsync(
            () => Task.FromResult(Cluster.GetActiveSilos().All(s => ((InProcessSiloHandle)s).SiloHost.Services.GetRequiredService<IClusterMembershipService>()
                .CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Dead)),
            "the survivor declares the killed silo dead", TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The test classes that share <see cref="RealGrainsClusterFixture"/>'s cluster.</summary>
[CollectionDefinition(Name)]
public sealed class RealGrainsClusterCollection : ICollectionFixture<RealGrainsClusterFixture>
{
    public const string Name = "Real grains, two silos";
}
