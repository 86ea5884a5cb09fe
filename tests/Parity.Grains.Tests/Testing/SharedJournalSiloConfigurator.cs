using Orleans.TestingHost;
using Parity.Grains.Hosting;
using Parity.Grains.Orders;
using Parity.Providers.Journal;

namespace Parity.Grains.Tests.Testing;

/// <summary>
/// A silo whose journal is a PostgreSQL database that another, independent cluster also writes to: everything else
/// (grain state, reminders, membership) is the cluster's own. Two such clusters are two views of the cluster that
/// each believe they own every grain, as during a membership change.
/// </summary>
public sealed class SharedJournalSiloConfigurator : ISiloConfigurator
{
    /// <summary>The builder property (silo configuration key) holding the journal's connection string.</summary>
    public const string ConnectionStringKey = "ParityTest:Journal:ConnectionString";

    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddParityGrains(siloBuilder.Configuration);
        siloBuilder.UseParityMemoryStores();

        // A later call adds to the memory journal's options: the storage becomes PostgreSQL.
        siloBuilder.AddParityJournal(options =>
        {
            options.Storage = ParityJournalStorage.PostgreSql;
            options.ConnectionString = siloBuilder.Configuration[ConnectionStringKey]
                ?? throw new InvalidOperationException($"Set {ConnectionStringKey} in the cluster builder's properties.");
        });
        siloBuilder.WithoutGrainClass<OrderGrain>();
    }
}
