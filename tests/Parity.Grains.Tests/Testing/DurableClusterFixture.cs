using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.TestingHost;
using Parity.Providers.Schema;

namespace Parity.Grains.Tests.Testing;

/// <summary>
/// A three-silo cluster on one migrated SQLite file (<see cref="DurableSiloConfigurator"/>), shared by the tests of the
/// <see cref="DurableClusterCollection"/>: the tests that kill a silo, or need a grain on another silo.
/// </summary>
public sealed class DurableClusterFixture : IAsyncLifetime
{
    public const short Silos = 3;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parity-grains-" + Guid.NewGuid().ToString("N")[..12]);

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "parity.db") }.ConnectionString;
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
        var builder = new TestClusterBuilder(Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[DurableSiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<DurableSiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Starts silos until the cluster has <see cref="Silos"/> again (a test before may have killed some).</summary>
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

    /// <summary>
    /// Kills (crashes, no graceful shutdown) <paramref name="silo"/>, a secondary one, and waits until every survivor
    /// has declared it dead, so calls and its reminders go to the survivors.
    /// </summary>
    public async Task KillAsync(SiloHandle silo)
    {
        Assert.NotSame(Cluster.Primary, silo);
        await Cluster.KillSiloAsync(silo);
        await InventoryCluster.WaitUntilAsync(
            () => Cluster.GetActiveSilos().All(s => ((InProcessSiloHandle)s).SiloHost.Services.GetRequiredService<IClusterMembershipService>()
                .CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Dead),
            TimeSpan.FromSeconds(30), "the survivors declare the killed silo dead");
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

/// <summary>The test classes that share <see cref="DurableClusterFixture"/>'s cluster.</summary>
[CollectionDefinition(Name)]
public sealed class DurableClusterCollection : ICollectionFixture<DurableClusterFixture>
{
    public const string Name = "Durable three-silo cluster";
}
