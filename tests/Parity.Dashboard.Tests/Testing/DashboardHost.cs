using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parity.Grains;
using Parity.Runtime;
using Parity.Runtime.Testing;

namespace Parity.Dashboard.Tests.Testing;

/// <summary>Settings of a <see cref="DashboardHost"/>.</summary>
public sealed class DashboardHostOptions
{
    /// <summary>Silos in the cluster.</summary>
    public int Silos { get; set; } = 3;

    /// <summary>The web host's environment; the dashboard is open only in Development.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Extra configuration of the web host.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Extra services of the web host.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) serving the gateway and the dashboard, as the gateway process does,
/// over an in-process cluster of several silos that publish their statistics every 250 ms.
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-001";
    public const string StoreKey = "test-store-key-0001";

    private readonly List<HttpClient> _clients = [];

    private DashboardHost(TestCluster cluster, WebApplication app)
    {
        Cluster = cluster;
        App = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public TestCluster Cluster { get; }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<DashboardHost> StartAsync(Action<DashboardHostOptions>? configure = null)
    {
        var options = new DashboardHostOptions();
        configure?.Invoke(options);
        var cluster = await TestCluster.StartAsync(options.Silos, o =>
        {
            o.GrainAssemblies.Add(typeof(GrainsAssembly).Assembly);
            o.GrainAssemblies.Add(typeof(DashboardHost).Assembly);
            o.ConfigureOptions = s =>
            {
                s.StatisticsPublishPeriod = TimeSpan.FromMilliseconds(250);
                s.ReminderPollPeriod = TimeSpan.FromMilliseconds(200);
            };
        });

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = options.Environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0:Key"] = AdminKey,
            ["Gateway:ApiKeys:0:Channel"] = "operations",
            ["Gateway:ApiKeys:0:Scopes:0"] = "admin",
            ["Gateway:ApiKeys:1:Key"] = StoreKey,
            ["Gateway:ApiKeys:1:Channel"] = "store",
            ["Gateway:ApiKeys:1:Scopes:0"] = "inventory:read",
            ["Gateway:ApiKeys:1:Scopes:1"] = "inventory:write",
            ["Parity:Dashboard:StatisticsCacheDuration"] = "00:00:00.200",
            ["Parity:Dashboard:BusinessCacheDuration"] = "00:00:00.200",
        };
        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(cluster.GrainFactory);
        options.ConfigureServices?.Invoke(builder.Services);
        builder.Services.AddParityGateway(builder.Configuration);
        builder.Services.AddParityDashboard(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        app.MapParityDashboard();
        await app.StartAsync();
        return new DashboardHost(cluster, app);
    }

    /// <summary>An HttpClient sending <paramref name="apiKey"/> (none when null).</summary>
    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        _clients.Add(client);
        return client;
    }

    /// <summary>GETs a dashboard API path and parses the JSON, failing on any status but 200.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, HttpClient? client = null)
    {
        using var response = await (client ?? Client()).GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
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
}
