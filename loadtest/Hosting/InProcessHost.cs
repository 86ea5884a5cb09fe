using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.Grains;
using Parity.Grains.StoreDays;
using Parity.LoadTest.Baseline;
using Parity.Runtime;
using Parity.Runtime.Hosting;
using Parity.Runtime.Statistics;
using Parity.Runtime.Storage;

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
internal sealed record InProcessHostOptions(StoreKind Store, IReadOnlyList<string> Channels, string? PostgresConnectionString = null,
    string? SqliteDirectory = null, string? BaselineConnectionString = null, Uri? ErpBaseUrl = null,
    IReadOnlyList<string>? OrderChannels = null, IReadOnlyList<string>? Stores = null,
    IReadOnlyDictionary<string, string?>? Configuration = null);

/// <summary>
/// One silo and the co-hosted channel gateway on a Kestrel server on 127.0.0.1 (random port), as the silo executable
/// composes them, plus two endpoints that share the gateway's whole pipeline (problem details, correlation id, body
/// limit, API-key authentication, per-channel rate limit, scopes): the sql-row-lock baseline
/// (<see cref="BaselineEndpoints"/>) and the no-work ceiling. Rate limits are lifted so the load test measures the
/// system, not the limiter.
/// </summary>
internal sealed class InProcessHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, StoreKind store)
    {
        _app = app;
        Store = store;
        BaseAddress = new Uri(app.Urls.Single());
    }

    /// <summary>Where orders of every channel are sourced (the silo's default sourcing list).</summary>
    public const string OrderLocation = "DC-OC";

    /// <summary>The gateway's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where the silo keeps its journals.</summary>
    public StoreKind Store { get; }

    /// <summary>The silo's journal store, for reading positions' journals back after a run.</summary>
    public IJournalStorage Journal => _app.Services.GetRequiredService<IJournalStorage>();

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
        builder.UseParitySilo(silo =>
        {
            silo.AddGrainAssembly(typeof(GrainsAssembly).Assembly);
            silo.Services.Configure<Parity.Grains.Orders.OrderOptions>(builder.Configuration.GetSection(Parity.Grains.Orders.OrderOptions.SectionName));
            silo.Services.AddParityItemCosts(builder.Configuration);
            // As the silo executable binds them, so a run's posting granularity is the configured one, not a default assumed here.
            silo.Services.Configure<StoreDayOptions>(builder.Configuration.GetSection(StoreDayOptions.SectionName));
            switch (options.Store)
            {
                case StoreKind.Memory:
                    silo.UseMemoryStorage();
                    break;
                case StoreKind.Sqlite:
                    var directory = options.SqliteDirectory ?? throw new InvalidOperationException("The sqlite store needs a directory.");
                    Directory.CreateDirectory(directory);
                    silo.UseSqliteStorage(o => o.ConnectionString = $"Data Source={Path.Combine(directory, "parity.db")}");
                    break;
                case StoreKind.Postgres:
                    var connectionString = options.PostgresConnectionString ?? throw new InvalidOperationException("The postgres store needs a connection string.");
                    silo.UsePostgresStorage(o => o.ConnectionString = connectionString);
                    // A free port: other silos on this machine (other engineers' tests) may hold the default.
                    silo.Configure(o => o.SiloPort = 0);
                    break;
            }
        });
        // As the silo executable: without Parity:Erp:BaseUrl journals queue durably in the posting intake.
        builder.Services.AddParityErpPosting(builder.Configuration);
        builder.Services.AddParityGateway(builder.Configuration);
        builder.Services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJson.Default));
        if (options.BaselineConnectionString is { } baselineDatabase)
        {
            builder.Services.AddSingleton(new SqlRowLockStore(baselineDatabase));
        }

        builder.Services.AddSingleton<ServerTimings>();
        var app = builder.Build();
        var timings = app.Services.GetRequiredService<ServerTimings>();
        app.Use((context, next) => timings.MiddlewareAsync(context, () => next()));
        app.MapParityGateway();
        BaselineEndpoints.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new InProcessHost(app, options.Store);
    }

    /// <summary>Time inside the server per POST.</summary>
    public ServerTimings Timings => _app.Services.GetRequiredService<ServerTimings>();

    /// <summary>The silo's statistics (grain calls, journal appends).</summary>
    public ISiloStatistics Statistics => _app.Services.GetRequiredService<ISiloStatistics>();

    /// <summary>The silo's store-day options (posting granularity per store), as the grains see them.</summary>
    public StoreDayOptions StoreDays => _app.Services.GetRequiredService<IOptions<StoreDayOptions>>().Value;

    /// <summary>The sql-row-lock store, when a PostgreSQL database was given.</summary>
    public SqlRowLockStore? Baseline => _app.Services.GetService<SqlRowLockStore>();

    /// <summary>Reservation ids of the Reserved events in <paramref name="position"/>'s journal.</summary>
    public async Task<IReadOnlySet<string>> JournaledReservationIdsAsync(string position, CancellationToken cancellationToken = default)
    {
        var entries = await Journal.ReadAsync(new GrainId("inventory-position", position), 0, int.MaxValue, cancellationToken).ConfigureAwait(false);
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

    public async ValueTask DisposeAsync()
    {
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
