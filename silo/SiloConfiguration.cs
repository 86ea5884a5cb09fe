using Orleans.Configuration;
using Orleans.Providers;
using Parity.Grains.Hosting;
using Parity.Providers.Journal;
using Parity.Silo.Health;
using Parity.Silo.Schema;

namespace Parity.Silo;

/// <summary>
/// The one place configuration becomes an Orleans silo: clustering, grain storage, journal and reminders from
/// <c>Parity:Storage:Provider</c> (SQLite in one file by default, PostgreSQL for a cluster, memory for tests), the
/// cluster's names and ports from <c>Parity:Cluster</c>, Parity's grains, failure detection and backpressure tuned
/// here, readiness, and the schema migrated before the silo starts.
/// </summary>
/// <remarks>
/// Connection pools. Npgsql keeps one pool per distinct connection string per process; the journal, grain storage,
/// membership and reminders all use <c>Parity:Storage:ConnectionString</c> unchanged, so each silo process holds one
/// pool. Give it <c>Maximum Pool Size</c> ≤ (PostgreSQL's <c>max_connections</c> − <c>superuser_reserved_connections</c>
/// − connections of migrations, gateway processes and tools) ÷ number of silos: e.g. 200 connections, 3 reserved, 20
/// for the rest and 4 silos → 40. Npgsql's default of 100 per process overruns a default server (100 connections) with
/// two silos, and the server then refuses connections ("53300: too many clients").
/// </remarks>
internal static class SiloConfiguration
{
    /// <summary>The ADO.NET invariant of Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>Adds the Orleans silo configured from <c>Parity:*</c> to <paramref name="builder"/>.</summary>
    /// <exception cref="SiloConfigurationException">A setting cannot be used; the message names it.</exception>
    public static SiloSettings UseParitySilo(this IHostApplicationBuilder builder)
    {
        var settings = SiloSettings.Read(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(settings);
        builder.UseOrleans(silo =>
        {
            UseStorage(silo, settings);
            silo.Configure<EndpointOptions>(o =>
            {
                o.AdvertisedIPAddress = settings.AdvertisedIPAddress;
                o.SiloPort = settings.SiloPort;
                o.GatewayPort = settings.GatewayPort;
            });
            if (settings.Kubernetes)
            {
                // After the endpoint settings: the pod's IP and the cluster's identity come from the pod's environment.
                silo.UseKubernetesHosting();
            }

            // Orleans cannot serialize database drivers' exceptions back to a caller: translate them.
            silo.AddStorageExceptionTranslation(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
            silo.AddParityGrains(builder.Configuration);
            TuneFailureDetection(silo);

            // Grain calls as activities, so traces (Parity.Silo.Telemetry) follow a request from HTTP into the grains.
            silo.AddActivityPropagation();
            TuneBackpressure(silo);

            // Grain health (silos, activations, methods, reminders) for operators, beside Parity's business pages.
            silo.AddParityOrleansDashboard(builder.Environment);

            silo.Services.AddSingleton<SiloReadiness>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static sp => sp.GetRequiredService<SiloReadiness>());
            if (settings.MigrateOnStart && settings.SchemaDialect is not null)
            {
                silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigrationOnStart>();
            }
        });
        return settings;
    }

    private static void UseStorage(ISiloBuilder silo, SiloSettings settings)
    {
        var connectionString = settings.ConnectionString;
        switch (settings.Storage)
        {
            case StorageProvider.Memory:
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                silo.UseParityMemoryStores();
                break;

            case StorageProvider.Sqlite:
                // One silo: its own membership, everything else in the one SQLite file.
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId);
                silo.UseParitySqliteStores(connectionString, o => ConfigureJournal(o, settings, ParityJournalStorage.Sqlite));
                break;

            case StorageProvider.Postgres:
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connectionString));
                silo.AddAdoNetGrainStorageAsDefault(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connectionString));
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, connectionString));
                silo.AddParityJournal(o => ConfigureJournal(o, settings, ParityJournalStorage.PostgreSql));
                break;
        }
    }

    private static void ConfigureJournal(ParityJournalOptions options, SiloSettings settings, ParityJournalStorage storage)
    {
        options.Storage = storage;
        options.ConnectionString = settings.ConnectionString;
        options.CoalesceAppends = settings.CoalesceAppends ?? options.CoalesceAppends;
        options.MaxBatchSize = settings.MaxBatchSize ?? options.MaxBatchSize;
    }

    private static void TuneFailureDetection(ISiloBuilder silo) => silo.Configure<ClusterMembershipOptions>(o =>
    {
        // Orleans' defaults (5 s probes, 3 misses) take ~15-20 s to declare a dead silo; its grains are unreachable
        // meanwhile. Each silo probes its monitored silos every ProbeTimeout: with 1 s and 2 misses, a killed silo
        // (whose port then refuses connections at once on loopback or a LAN) is suspected after ~2 s and declared dead
        // when NumVotesForDeathDeclaration silos agree (2, Orleans caps it at half the active silos): a few seconds
        // in all. A silo merely slow for over 2 s is declared dead too and restarts; indirect probes (on by default)
        // keep one bad link from killing a healthy silo.
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.NumVotesForDeathDeclaration = 2;
    });

    private static void TuneBackpressure(ISiloBuilder silo)
    {
        // A hot grain refuses work it cannot queue instead of building an unbounded backlog: past the hard limit of
        // requests running plus waiting on one activation, callers get LimitExceededException (the gateway answers 503
        // with Retry-After). 10,000 is the bound the runtime before Orleans used; the soft limit logs a warning first.
        silo.Configure<SiloMessagingOptions>(o =>
        {
            o.MaxEnqueuedRequestsSoftLimit = 1_000;
            o.MaxEnqueuedRequestsHardLimit = 10_000;
        });

        // A silo whose process is past 95 % CPU or 90 % of its memory refuses new client requests at its gateway
        // (GatewayTooBusyException, 503) rather than slowing every request down.
        silo.Configure<LoadSheddingOptions>(o =>
        {
            o.LoadSheddingEnabled = true;
            o.CpuThreshold = 95;
            o.MemoryThreshold = 90;
        });
    }
}
