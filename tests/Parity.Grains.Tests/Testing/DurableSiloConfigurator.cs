using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Parity.Grains.Hosting;
using Parity.Grains.Orders;

namespace Parity.Grains.Tests.Testing;

/// <summary>
/// A silo of a multi-silo test cluster that outlives its silos: journals, reminders and grain state in one SQLite file
/// (as the embedded silo keeps them), failure detection in seconds, and <see cref="RecordingReservationOwner"/> in
/// place of the order grain. A killed silo's grains reactivate on the others from what it made durable.
/// </summary>
public sealed class DurableSiloConfigurator : ISiloConfigurator
{
    /// <summary>The builder property (silo configuration key) holding the SQLite connection string.</summary>
    public const string ConnectionStringKey = "ParityTest:Sqlite";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var connectionString = siloBuilder.Configuration[ConnectionStringKey]
            ?? throw new InvalidOperationException($"Set {ConnectionStringKey} in the cluster builder's properties.");
        siloBuilder.AddParityGrains(siloBuilder.Configuration);
        siloBuilder.UseParitySqliteStores(connectionString, options => options.InjectFaults = true);
        siloBuilder.WithoutGrainClass<OrderGrain>();

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
