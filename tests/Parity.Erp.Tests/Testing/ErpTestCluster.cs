using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Exceptions;
using Parity.Grains.Posting;
using Parity.Providers.Journal;
using Parity.Providers.Schema;

namespace Parity.Erp.Tests.Testing;

/// <summary>
/// A one-silo Orleans TestCluster of Parity's grains configured by <see cref="ErpSiloConfigurator"/>, with handles on
/// the silo's posting rules, hledger export and journal. A durable one (a SQLite file) can lose its silo (killed or
/// stopped) and go on with a new silo on the same storage and service id, as a restarted process would.
/// </summary>
public sealed class ErpTestCluster : IAsyncDisposable
{
    public const string SqliteKey = "ParityTest:Sqlite";
    public const string RoutesKey = "ParityTest:ErpRoutes";

    private readonly IReadOnlyDictionary<string, string?> _properties;
    private readonly string _serviceId;
    private readonly string? _directory;
    private TestCluster _cluster;

    private ErpTestCluster(TestCluster cluster, IReadOnlyDictionary<string, string?> properties, string serviceId, string? directory)
    {
        _cluster = cluster;
        _properties = properties;
        _serviceId = serviceId;
        _directory = directory;
    }

    public IClusterClient Client => _cluster.Client;

    public IGrainFactory Grains => _cluster.Client;

    public IServiceProvider Silo => _cluster.GetSiloServiceProvider();

    /// <summary>The silo's posting rules (<c>Replace</c> them as a configuration reload would).</summary>
    public PostingRuleBook Rules => Silo.GetRequiredService<PostingRuleBook>();

    /// <summary>The silo's hledger export (configured with <c>Parity:Erp:HledgerDirectory</c>).</summary>
    public HledgerExporter Exporter => Silo.GetRequiredService<HledgerExporter>();

    /// <summary>Fault and latency injection on the silo's journal.</summary>
    public FaultInjectingJournalStorage Journal =>
        (FaultInjectingJournalStorage)Silo.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

    public IExceptionQueueGrain ExceptionQueue => Grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);

    /// <summary>Starts a cluster on memory stores with <paramref name="configuration"/> as its silo's configuration.</summary>
    public static Task<ErpTestCluster> StartAsync(IReadOnlyDictionary<string, string?> configuration, ErpRoutes? routes = null) =>
        StartAsync(configuration, routes, durable: false);

    /// <summary>Starts a cluster whose journal and reminders are in a SQLite file of its own, so it survives its silo.</summary>
    public static Task<ErpTestCluster> StartDurableAsync(IReadOnlyDictionary<string, string?> configuration, ErpRoutes? routes = null) =>
        StartAsync(configuration, routes, durable: true);

    /// <summary>
    /// Takes the silo away (<paramref name="crash"/>: killed, nothing of it runs or writes any more; else stopped, its
    /// grains deactivate) and starts a new silo on the same storage and service id. Only for a durable cluster.
    /// </summary>
    public async Task RestartSiloAsync(bool crash)
    {
        if (_directory is null)
        {
            throw new InvalidOperationException("Only a durable cluster keeps its grains across silos.");
        }

        var silo = _cluster.Primary ?? throw new InvalidOperationException("The cluster has no silo.");
        if (crash)
        {
            await _cluster.KillSiloAsync(silo);
        }
        else
        {
            await _cluster.StopSiloAsync(silo);
        }

        // Test clusters keep their membership in their first silo: the new silo is the first of a new cluster of the same
        // service, as after a restart of the whole (one-silo) deployment.
        await StopAsync(_cluster);
        _cluster = await DeployAsync(_properties, _serviceId);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(_cluster);
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<ErpTestCluster> StartAsync(IReadOnlyDictionary<string, string?> configuration, ErpRoutes? routes, bool durable)
    {
        var properties = new Dictionary<string, string?>(configuration);
        if (routes is not null)
        {
            properties[RoutesKey] = routes.Id;
        }

        string? directory = null;
        if (durable)
        {
            directory = Directory.CreateTempSubdirectory("parity-erp-").FullName;
            var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "parity.db") }.ConnectionString;
            await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
            properties[SqliteKey] = connectionString;
        }

        var serviceId = "erp-tests-" + Guid.NewGuid().ToString("N")[..12];
        return new ErpTestCluster(await DeployAsync(properties, serviceId), properties, serviceId, directory);
    }

    private static async Task<TestCluster> DeployAsync(IReadOnlyDictionary<string, string?> properties, string serviceId)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        foreach (var (key, value) in properties)
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<ErpSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static async Task StopAsync(TestCluster cluster)
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
