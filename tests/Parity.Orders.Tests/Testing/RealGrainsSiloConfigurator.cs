using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Parity.Grains.Hosting;
using Parity.Grains.Orders;

namespace Parity.Orders.Tests.Testing;

/// <summary>
/// A silo of the two-silo cluster with only Parity's real grains (the real posting intake among them) and the test
/// order options: journals, reminders and grain state in one SQLite file, as the embedded silo keeps them, so a killed
/// silo's orders reactivate on the other; failure detection in seconds.
/// </summary>
public sealed class RealGrainsSiloConfigurator : ISiloConfigurator
{
    /// <summary>The builder property (silo configuration key) holding the SQLite connection string.</summary>
    public const string ConnectionStringKey = "ParityTest:Sqlite";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"Set {ConnectionStringKey} in the cluster builder's properties.");
        siloBuilder.AddParityGrains(siloBuilder.Configuration);
        siloBuilder.UseParitySqliteStores(connectionString);
        siloBuilder.Services.Configure<OrderOptions>(OrderCluster.Configure);
        siloBuilder.WithoutGrainClass<RecordingPostingIntake>();

        // A killed silo is declared dead within a few seconds instead of the production defaults' tens of seconds.
        siloBuilder.Services.Configure<ClusterMembershipOptions>(options =>
        {
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
        });
    }
}
