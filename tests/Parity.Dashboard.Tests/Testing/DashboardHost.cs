using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parity.Dashboard.Tests.Testing;

/// <summary>Settings of a <see cref="DashboardHost"/>.</summary>
public sealed class DashboardHostOptions
{
    /// <summary>The web host's environment; the dashboard is open only in Development.</summary>
    public string Environment { get; set; } = "Development";

    /// <summary>Extra configuration of the web host.</summary>
    public Dictionary<string, string?> Settings { get; } = [];
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 (random port) serving the gateway and the dashboard over a cluster client, as the
/// gateway process does (which does not serve the Orleans Dashboard: that is the silo's host's, <see cref="SiloHost"/>).
/// </summary>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-001";
    public const string StoreKey = "test-store-key-0001";

    private readonly List<HttpClient> _clients = [];

    private DashboardHost(WebApplication app, IClusterClient grains)
    {
        App = app;
        Grains = grains;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IGrainFactory Grains { get; }

    public static async Task<DashboardHost> StartAsync(DashboardCluster cluster, Action<DashboardHostOptions>? configure = null)
    {
        var options = new DashboardHostOptions();
        configure?.Invoke(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = options.Environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(Settings(options.Settings));
        // The gateway apart from the silos: the cluster client is its grain factory.
        builder.Services.AddSingleton(cluster.Client);
        builder.Services.AddSingleton<IGrainFactory>(cluster.Client);
        builder.Services.AddParityGateway(builder.Configuration);
        builder.Services.AddParityDashboard(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        app.MapParityDashboard();
        await app.StartAsync();
        return new DashboardHost(app, cluster.Client);
    }

    /// <summary>The gateway's keys (an admin key, a store's key) and a short business cache, then <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0:Key"] = AdminKey,
            ["Gateway:ApiKeys:0:Channel"] = "operations",
            ["Gateway:ApiKeys:0:Scopes:0"] = "admin",
            ["Gateway:ApiKeys:1:Key"] = StoreKey,
            ["Gateway:ApiKeys:1:Channel"] = "store",
            ["Gateway:ApiKeys:1:Scopes:0"] = "inventory:read",
            ["Gateway:ApiKeys:1:Scopes:1"] = "inventory:write",
            ["Parity:Dashboard:BusinessCacheDuration"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
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

    /// <summary>The figure named <paramref name="name"/> of a business health view, or null.</summary>
    public static JsonElement? Figure(JsonElement view, string name) =>
        view.GetProperty("sources").EnumerateArray().SelectMany(s => s.GetProperty("figures").EnumerateArray())
            .Where(f => f.GetProperty("name").GetString() == name).Select(f => (JsonElement?)f).FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
    }
}
