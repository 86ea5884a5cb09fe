using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.TestingHost;
using Parity.Grains.Hosting;
using Parity.Providers.Journal;

namespace Parity.Gateway.Tests.Testing;

/// <summary>
/// A gateway test silo: Parity's grains on memory stores whose journal is a <see cref="GatedJournalStorage"/>, or, with
/// <see cref="PostgresKey"/>, on a migrated PostgreSQL database for everything (membership included). Silo
/// configuration (<c>Parity:Orders:...</c>) comes from the cluster's properties.
/// </summary>
public sealed class GatewaySiloConfigurator : ISiloConfigurator
{
    /// <summary>Npgsql connection string of a migrated database; memory stores when absent.</summary>
    public const string PostgresKey = "ParityTest:Postgres";

    /// <summary>Orleans' per-activation limit of running plus queued requests (SiloMessagingOptions).</summary>
    public const string MaxEnqueuedRequestsHardLimitKey = "ParityTest:MaxEnqueuedRequestsHardLimit";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var configuration = siloBuilder.Configuration;
        siloBuilder.AddParityGrains(configuration);
        if (configuration[PostgresKey] is { Length: > 0 } connectionString)
        {
            siloBuilder.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            siloBuilder.AddAdoNetGrainStorageAsDefault(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            siloBuilder.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            siloBuilder.AddParityJournal(o => (o.Storage, o.ConnectionString) = (ParityJournalStorage.PostgreSql, connectionString));
            siloBuilder.AddStorageExceptionTranslation(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        }
        else
        {
            siloBuilder.UseParityMemoryStores();
            GrainStateWrites.Wrap(siloBuilder.Services, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

            // The journal the grains write through: the memory journal behind fault injection and a per-grain gate.
            siloBuilder.Services.AddSingleton(static _ => new GatedJournalStorage(new FaultInjectingJournalStorage(new MemoryJournalStorage())));
            siloBuilder.Services.AddKeyedSingleton<IJournalStorage>(ParityJournal.ProviderName, static (sp, _) => sp.GetRequiredService<GatedJournalStorage>());
        }

        if (configuration[MaxEnqueuedRequestsHardLimitKey] is { Length: > 0 } limit)
        {
            siloBuilder.Configure<SiloMessagingOptions>(o => o.MaxEnqueuedRequestsHardLimit = int.Parse(limit, CultureInfo.InvariantCulture));
        }
    }
}
