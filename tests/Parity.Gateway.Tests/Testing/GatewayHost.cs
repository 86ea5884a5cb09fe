using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains;
using Parity.Runtime;
using Parity.Runtime.Hosting;
using Parity.Runtime.Storage;
using Parity.Runtime.Testing;

namespace Parity.Gateway.Tests.Testing;

/// <summary>Settings of a <see cref="GatewayHost"/>.</summary>
public sealed class GatewayHostOptions
{
    /// <summary>Silos in the cluster.</summary>
    public int Silos { get; set; } = 1;

    /// <summary>Extra or overriding configuration of the gateway.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Changes every silo's options.</summary>
    public Action<SiloOptions>? ConfigureSilo { get; set; }

    /// <summary>Extra configuration of every silo (e.g. order options).</summary>
    public Action<ISiloBuilder>? ConfigureSiloBuilder { get; set; }

    /// <summary>Extra services of the gateway (e.g. a catalog check), registered before AddParityGateway.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a random port, running the gateway over an in-process test cluster whose
/// journals are inspectable (<see cref="JournalLength(PositionKey)"/>) and can be held (<see cref="Journal"/>).
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

    private GatewayHost(TestCluster cluster, GatedJournalStorage journal, WebApplication app)
    {
        Cluster = cluster;
        Journal = journal;
        App = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public TestCluster Cluster { get; }

    public GatedJournalStorage Journal { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

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
        var journal = new GatedJournalStorage(new MemoryJournalStorage());
        var cluster = await TestCluster.StartAsync(options.Silos, o =>
        {
            o.GrainAssemblies.Add(typeof(GrainsAssembly).Assembly);
            o.JournalStorage = journal;
            o.ConfigureOptions = options.ConfigureSilo;
            o.ConfigureSilo = options.ConfigureSiloBuilder;
        });

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>(KeySettings)
        {
            ["Gateway:RateLimits:Channels:limited:TokenLimit"] = "2",
            ["Gateway:RateLimits:Channels:limited:TokensPerPeriod"] = "1",
            ["Gateway:RateLimits:Channels:limited:ReplenishmentPeriod"] = "01:00:00",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(cluster.GrainFactory);
        options.ConfigureServices?.Invoke(builder.Services);
        builder.Services.AddParityGateway(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        await app.StartAsync();
        return new GatewayHost(cluster, journal, app);
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

    /// <summary>Events stored in a position's journal.</summary>
    public int JournalLength(PositionKey position) => JournalLength(new GrainId("inventory-position", position.ToString()));

    /// <summary>Events stored in a grain's journal.</summary>
    public int JournalLength(GrainId grain) => Journal.Memory.GetEntries(grain).Count;

    /// <summary>The stored events of a position.</summary>
    public IReadOnlyList<JournalEntry> JournalOf(PositionKey position) => Journal.Memory.GetEntries(new GrainId("inventory-position", position.ToString()));

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
        await Cluster.DisposeAsync();
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
