using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Inventory;
using Parity.Providers.Journal;

namespace Parity.Gateway.Tests.Testing;

/// <summary>Settings of a <see cref="GatewayHost"/>.</summary>
public sealed class GatewayHostOptions
{
    /// <summary>Silos in the cluster.</summary>
    public int Silos { get; set; } = 1;

    /// <summary>Extra or overriding configuration of the gateway.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Configuration of every silo (e.g. <c>Parity:Orders:...</c>, or the keys of <see cref="GatewaySiloConfigurator"/>).</summary>
    public Dictionary<string, string> SiloSettings { get; } = [];

    /// <summary>Extra services of the gateway (e.g. a catalog check), registered before AddParityGateway.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Runs the gateway over this host's cluster instead of starting one (the settings of the cluster are then
    /// that host's).</summary>
    public GatewayHost? ClusterOf { get; set; }

    /// <summary>When set, the cluster keeps everything in this (migrated) PostgreSQL database, membership included, so
    /// silos can come and go; otherwise it keeps everything in memory.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Silos and client talk over TCP on loopback, so a gateway process (an Orleans client of its own) can
    /// reach the silos too; otherwise over Orleans' in-memory test transport.</summary>
    public bool TcpTransport { get; set; }
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a random port, running the gateway over an in-process Orleans TestCluster
/// (Parity's grains, memory stores) through the cluster's client. The cluster's journal can be read, failed and held per
/// grain (<see cref="Journal"/>).
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public const string StoreKey = "test-store-key-0001";
    public const string WebKey = "test-web-key-00001";
    public const string MarketplaceKey = "test-marketplace-01";
    public const string WarehouseKey = "test-warehouse-001";
    public const string AdminKey = "test-admin-key-001";
    public const string ReadOnlyKey = "test-readonly-0001";
    public const string LimitedKey = "test-limited-key-01";

    private readonly List<HttpClient> _clients = [];
    private readonly bool _ownsCluster;

    private GatewayHost(TestCluster cluster, bool ownsCluster, WebApplication app)
    {
        Cluster = cluster;
        _ownsCluster = ownsCluster;
        App = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public TestCluster Cluster { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>The cluster's client, which the gateway calls grains through.</summary>
    public IClusterClient Grains => Cluster.Client;

    /// <summary>The primary silo's journal (memory clusters only): read it, fail it, hold it.</summary>
    public GatedJournalStorage Journal => Cluster.GetSiloServiceProvider().GetRequiredService<GatedJournalStorage>();

    public static IReadOnlyDictionary<string, string?> KeySettings { get; } = Keys(
        (StoreKey, "store", ["inventory:read", "inventory:write", "reservations:write", "orders:write", "orders:read"]),
        (WebKey, "web", ["inventory:read", "reservations:write", "orders:write", "orders:read"]),
        (MarketplaceKey, "marketplace", ["inventory:read", "reservations:write", "orders:write", "orders:read"]),
        (WarehouseKey, "warehouse", ["inventory:read", "inventory:write"]),
        (AdminKey, "operations", ["admin"]),
        (ReadOnlyKey, "readonly", ["inventory:read"]),
        (LimitedKey, "limited", ["inventory:read"]));

    public static async Task<GatewayHost> StartAsync(Action<GatewayHostOptions>? configure = null)
    {
        var options = new GatewayHostOptions();
        configure?.Invoke(options);
        var cluster = options.ClusterOf?.Cluster ?? await StartClusterAsync(options);
        try
        {
            var app = await StartGatewayAsync(cluster.Client, options);
            return new GatewayHost(cluster, ownsCluster: options.ClusterOf is null, app);
        }
        catch
        {
            if (options.ClusterOf is null)
            {
                await cluster.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The gateway's settings: the test keys, plus a channel whose rate limit is 2 requests an hour.</summary>
    public static Dictionary<string, string?> GatewaySettings(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(KeySettings)
        {
            ["Gateway:RateLimits:Channels:limited:TokenLimit"] = "2",
            ["Gateway:RateLimits:Channels:limited:TokensPerPeriod"] = "1",
            ["Gateway:RateLimits:Channels:limited:ReplenishmentPeriod"] = "01:00:00",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>An HttpClient sending <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Client(string? apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>The grain id of a position.</summary>
    public static GrainId PositionGrain(PositionKey position) => GrainId.Create("inventory-position", position.ToString());

    /// <summary>Events stored in a position's journal.</summary>
    public Task<int> JournalLengthAsync(PositionKey position) => JournalLengthAsync(PositionGrain(position));

    /// <summary>Events stored in a grain's journal.</summary>
    public async Task<int> JournalLengthAsync(GrainId grain) => (await Journal.ReadAsync(grain, 0)).Count;

    /// <summary>The stored events of a position.</summary>
    public Task<IReadOnlyList<JournalEntry>> JournalOfAsync(PositionKey position) => Journal.ReadAsync(PositionGrain(position), 0);

    /// <summary>A position with a fresh SKU, given <paramref name="onHand"/> units through the API.</summary>
    public async Task<PositionKey> NewPositionAsync(int onHand, string location = "STORE-1")
    {
        var position = new PositionKey($"SKU-{Guid.NewGuid():N}"[..20], location);
        if (onHand > 0)
        {
            var response = await Client(WarehouseKey).PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts",
                new { eventId = "initial-" + Guid.NewGuid().ToString("N")[..8], quantity = onHand, reference = "PO-1" });
            response.EnsureSuccessStatusCode();
        }

        return position;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        if (_ownsCluster)
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
    }

    private static async Task<TestCluster> StartClusterAsync(GatewayHostOptions options)
    {
        var builder = new TestClusterBuilder((short)options.Silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ServiceId = "gateway-tests-" + Guid.NewGuid().ToString("N")[..8];
        if (options.TcpTransport || options.PostgresConnectionString is not null)
        {
            builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        }

        foreach (var (key, value) in options.SiloSettings)
        {
            builder.Properties[key] = value;
        }

        if (options.PostgresConnectionString is { } connectionString)
        {
            builder.Options.UseTestClusterMembership = false;
            builder.Properties[GatewaySiloConfigurator.PostgresKey] = connectionString;
        }

        builder.AddSiloBuilderConfigurator<GatewaySiloConfigurator>();
        builder.AddClientBuilderConfigurator<GatewayClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    private static async Task<WebApplication> StartGatewayAsync(IClusterClient client, GatewayHostOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(GatewaySettings(options.Settings));
        builder.Services.AddSingleton<IGrainFactory>(client);
        options.ConfigureServices?.Invoke(builder.Services);
        builder.Services.AddParityGateway(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        await app.StartAsync();
        return app;
    }

    private static Dictionary<string, string?> Keys(params (string Key, string Channel, string[] Scopes)[] keys)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Gateway:ApiKeys:{i}:Key"] = keys[i].Key;
            settings[$"Gateway:ApiKeys:{i}:Channel"] = keys[i].Channel;
            for (var s = 0; s < keys[i].Scopes.Length; s++)
            {
                settings[$"Gateway:ApiKeys:{i}:Scopes:{s}"] = keys[i].Scopes[s];
            }
        }

        return settings;
    }
}
