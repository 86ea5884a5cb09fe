using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Hosting;
using Parity.Grains.StoreDays;
using Parity.LoadTest.Baseline;
using Parity.Providers.Journal;
using Parity.Providers.Schema;

namespace Parity.LoadTest.Hosting;

/// <summary>Settings of an <see cref="InProcessHost"/>.</summary>
/// <param name="Store">Where the silo keeps its journals.</param>
/// <param name="Channels">Channels to create reservation keys for (flash-sale).</param>
/// <param name="PostgresConnectionString">The database of the postgres store.</param>
/// <param name="SqliteDirectory">Directory of the SQLite database (the sqlite store).</param>
/// <param name="BaselineConnectionString">The database of the sql-row-lock baseline, when it is driven.</param>
/// <param name="ErpBaseUrl">The ERP the silo posts journals to; without one they queue in the posting intake.</param>
/// <param name="OrderChannels">Channels to create order keys for (web, marketplaces of the mixed scenarios).</param>
/// <param name="Stores">Stores to create POS keys for.</param>
/// <param name="Configuration">Further silo and gateway settings (e.g. <c>Parity:StoreDays</c>); they win over the host's own.</param>
/// <param name="OrleansDashboard">Add the Orleans Dashboard as the silo does, and read it once a second as an open
/// browser would (its profiler collects only while read), to measure what it costs.</param>
internal sealed record InProcessHostOptions(StoreKind Store, IReadOnlyList<string> Channels, string? PostgresConnectionString = null,
    string? SqliteDirectory = null, string? BaselineConnectionString = null, Uri? ErpBaseUrl = null,
    IReadOnlyList<string>? OrderChannels = null, IReadOnlyList<string>? Stores = null,
    IReadOnlyDictionary<string, string?>? Configuration = null, bool OrleansDashboard = false);

/// <summary>
/// One Orleans silo (<c>UseOrleans</c>, Parity's grains, the storage the run chose) and the co-hosted channel gateway
/// on a Kestrel server on 127.0.0.1 (random port), as the silo executable composes them, plus two endpoints that share
/// the gateway's whole pipeline (problem details, correlation id, body limit, API-key authentication, per-channel rate
/// limit, scopes): the sql-row-lock baseline
/// (<see cref="BaselineEndpoints"/>) and the no-work ceiling. Rate limits are lifted so the load test measures the
/// system, not the limiter.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private OrleansDashboardReader? _dashboardReader;

    private InProcessHost(WebApplication app, StoreKind store)
    {
        _app = app;
        Store = store;
        BaseAddress = new Uri(app.Urls.Single());
    }

    /// <summary>The Orleans service id of the in-process silo (each start is a cluster of its own).</summary>
    public const string ServiceId = "parity-loadtest";

    /// <summary>Where orders of every channel are sourced (the silo's default sourcing list).</summary>
    public const string OrderLocation = "DC-OC";

    /// <summary>The gateway's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where the silo keeps its journals.</summary>
    public StoreKind Store { get; }

    /// <summary>The silo's journal store, for reading positions' journals back after a run.</summary>
    public IJournalStorage Journal => _app.Services.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

    /// <summary>Starts the silo, the gateway and the extra endpoints.</summary>
    public static async Task<InProcessHost> StartAsync(InProcessHostOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // Errors only: under overload every 504 would log a warning, and the report counts them by status anyway.
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);
        var settings = LoadTestKeys.Settings(
            [.. options.Channels.Select(c => (c, LoadTestKeys.ReservationScopes)), .. (options.OrderChannels ?? []).Select(c => (c, LoadTestKeys.OrderScopes))],
            options.Stores ?? []);
        settings["Gateway:RateLimits:Default:TokenLimit"] = "100000000";
        settings["Gateway:RateLimits:Default:TokensPerPeriod"] = "100000000";
        // Orders with no channel list of their own source from the omnichannel scenario's distribution centre.
        settings["Parity:Orders:Sourcing:DefaultLocations:0"] = OrderLocation;
        if (options.ErpBaseUrl is { } erp)
        {
            settings["Parity:Erp:BaseUrl"] = erp.ToString();
        }

        foreach (var (key, value) in options.Configuration ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        var connectionString = await PrepareStorageAsync(options, cancellationToken).ConfigureAwait(false);
        builder.UseOrleans(silo =>
        {
            // One silo of its own cluster on free ports: other silos on this machine (other engineers' tests) may hold
            // the default ones.
            var (siloPort, gatewayPort, clusterId) = (FreePort(), FreePort(), "parity-loadtest-" + Guid.NewGuid().ToString("N")[..8]);

            // The grains' services and options as the silo executable binds them (orders sourcing, store days and their
            // posting granularity, item costs, settlements, ERP posting: without Parity:Erp:BaseUrl journals queue durably).
            silo.AddParityGrains(builder.Configuration);
            if (options.OrleansDashboard)
            {
                Orleans.Dashboard.ServiceCollectionExtensions.AddDashboard(silo);
            }

            switch (options.Store)
            {
                case StoreKind.Memory:
                    silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: clusterId);
                    silo.UseParityMemoryStores();
                    break;
                case StoreKind.Sqlite:
                    // As the embedded default: grain state, journals and reminders in one SQLite file.
                    silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: ServiceId, clusterId: clusterId);
                    silo.UseParitySqliteStores(connectionString);
                    // A failed grain-state write reaches the gateway as the retryable StorageUnavailableException (503).
                    silo.AddStorageExceptionTranslation();
                    break;
                case StoreKind.Postgres:
                    // As a cluster: membership, grain state and reminders in Orleans' ADO.NET tables, journals in Parity's.
                    silo.Configure<ClusterOptions>(o => (o.ServiceId, o.ClusterId) = (ServiceId, clusterId));
                    silo.Configure<EndpointOptions>(o => (o.AdvertisedIPAddress, o.SiloPort, o.GatewayPort) = (IPAddress.Loopback, siloPort, gatewayPort));
                    silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
                    silo.AddParityJournal(o => (o.Storage, o.ConnectionString) = (ParityJournalStorage.PostgreSql, connectionString));
                    silo.AddAdoNetGrainStorageAsDefault(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
                    silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
                    silo.AddStorageExceptionTranslation();
                    break;
            }
        });
        builder.Services.AddParityGateway(builder.Configuration);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));
        if (options.BaselineConnectionString is { } baselineDatabase)
        {
            builder.Services.AddSingleton(new SqlRowLockStore(baselineDatabase));
        }

        builder.Services.AddSingleton<ServerTimings>();
        builder.Services.AddSingleton(static sp => new ServerMeters(sp.GetRequiredService<IMeterFactory>()));
        var app = builder.Build();
        // Listening before the silo starts, so no counter of the run is published unseen.
        app.Services.GetRequiredService<ServerMeters>();
        var timings = app.Services.GetRequiredService<ServerTimings>();
        app.Use((context, next) => timings.MiddlewareAsync(context, () => next()));
        app.MapParityGateway();
        BaselineEndpoints.Map(app);
        if (options.OrleansDashboard)
        {
            Orleans.Dashboard.ServiceCollectionExtensions.MapOrleansDashboard(app, OrleansDashboardReader.Route);
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var host = new InProcessHost(app, options.Store);
        if (options.OrleansDashboard)
        {
            host._dashboardReader = OrleansDashboardReader.Start(host.BaseAddress);
        }

        return host;
    }

    /// <summary>Successful reads of the Orleans Dashboard so far, or null when it was not added.</summary>
    public int? OrleansDashboardReads => _dashboardReader?.Reads;

    /// <summary>Time inside the server per POST.</summary>
    public ServerTimings Timings => _app.Services.GetRequiredService<ServerTimings>();

    /// <summary>The silo's journal counters and Orleans' grain-call latency histogram.</summary>
    public ServerMeters Meters => _app.Services.GetRequiredService<ServerMeters>();

    /// <summary>The silo's store-day options (posting granularity per store), as the grains see them.</summary>
    public StoreDayOptions StoreDays => _app.Services.GetRequiredService<IOptions<StoreDayOptions>>().Value;

    /// <summary>The sql-row-lock store, when a PostgreSQL database was given.</summary>
    public SqlRowLockStore? Baseline => _app.Services.GetService<SqlRowLockStore>();

    /// <summary>Reservation ids of the Reserved events in <paramref name="position"/>'s journal.</summary>
    public async Task<IReadOnlySet<string>> JournaledReservationIdsAsync(string position, CancellationToken cancellationToken = default)
    {
        var grainId = _app.Services.GetRequiredService<IGrainFactory>().GetGrain<IInventoryPositionGrain>(position).GetGrainId();
        var entries = await Journal.ReadAsync(grainId, 0, int.MaxValue, cancellationToken).ConfigureAwait(false);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.EventType == "Reserved" && JournalPayload.ReservationId(entry.Payload) is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    // The run's database, its schema applied (Orleans' ADO.NET tables and Parity's journal) before the silo starts, as
    // the silo's migrate step does; the memory store needs none.
    private static async Task<string> PrepareStorageAsync(InProcessHostOptions options, CancellationToken cancellationToken)
    {
        switch (options.Store)
        {
            case StoreKind.Sqlite:
                var directory = options.SqliteDirectory ?? throw new InvalidOperationException("The sqlite store needs a directory.");
                Directory.CreateDirectory(directory);
                var sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "parity.db") }.ConnectionString;
                await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, sqlite, cancellationToken).ConfigureAwait(false);
                return sqlite;
            case StoreKind.Postgres:
                var postgres = options.PostgresConnectionString ?? throw new InvalidOperationException("The postgres store needs a connection string.");
                await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, postgres, cancellationToken).ConfigureAwait(false);
                return postgres;
            default:
                return "";
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dashboardReader is { } reader)
        {
            await reader.DisposeAsync().ConfigureAwait(false);
        }

        var baseline = Baseline;
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        if (baseline is not null)
        {
            // Registered as an instance, so the container does not dispose it.
            await baseline.DisposeAsync().ConfigureAwait(false);
        }
    }
}
