using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Parity.Grains.Hosting;

namespace Parity.StoreDays.Tests.Testing;

/// <summary>
/// A silo of the two-silo crash-test cluster: the store-day test options, with journals, reminders and grain state in one
/// SQLite file (as the embedded silo keeps them), so a killed silo's store days and reminders live on; failure detection
/// in seconds.
/// </summary>
public sealed class DurableStoreDaySiloConfigurator : ISiloConfigurator
{
    /// <summary>The builder property (silo configuration key) holding the SQLite connection string.</summary>
    public const string ConnectionStringKey = "ParityTest:Sqlite";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"Set {ConnectionStringKey} in the cluster builder's properties.");
        siloBuilder.AddParityGrains(siloBuilder.Configuration);
        siloBuilder.UseParitySqliteStores(connectionString);
        siloBuilder.AddStoreDayTestOptions();

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
