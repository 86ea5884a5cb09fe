using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Parity.TestInfrastructure;

namespace Parity.Silo.Tests.Testing;

/// <summary>
/// The silo host exactly as <c>dotnet run --project silo</c> builds it (<see cref="SiloHost.Build"/>), on free ports
/// (HTTP 0, silo and client gateway ports picked for the test), with one API key for the co-hosted gateway.
/// </summary>
internal sealed class TestSilo : IAsyncDisposable
{
    /// <summary>An API key of the co-hosted gateway, acting for the warehouse.</summary>
    public const string WarehouseKey = "silo-test-warehouse-key";

    private readonly List<HttpClient> _clients = [];

    private TestSilo(WebApplication app, int siloPort, int gatewayPort)
    {
        App = app;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public WebApplication App { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>The settings a test silo starts with, before the test's own.</summary>
    public static Dictionary<string, string?> BaseSettings(int siloPort, int gatewayPort) => new()
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Parity:Cluster:SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        ["Parity:Cluster:GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
        ["Gateway:ApiKeys:0:Key"] = WarehouseKey,
        ["Gateway:ApiKeys:0:Channel"] = "warehouse",
        ["Gateway:ApiKeys:0:Scopes:0"] = "inventory:read",
        ["Gateway:ApiKeys:0:Scopes:1"] = "inventory:write",
    };

    /// <summary>Builds the silo host with <paramref name="settings"/> over the base settings (not started).</summary>
    public static (WebApplication App, int SiloPort, int GatewayPort) Build(IReadOnlyDictionary<string, string?> settings)
    {
        var ports = FreePorts.Take(2);
        var all = BaseSettings(ports[0], ports[1]);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var app = SiloHost.Build([], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(all);
        });
        return (app, ports[0], ports[1]);
    }

    /// <summary>Builds and starts the silo host; returns once the silo is active.</summary>
    public static async Task<TestSilo> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var (app, siloPort, gatewayPort) = Build(settings);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new TestSilo(app, siloPort, gatewayPort);
    }

    /// <summary>An HttpClient for the silo's HTTP port, sending <paramref name="apiKey"/> when given.</summary>
    public HttpClient Client(string? apiKey = WarehouseKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        _clients.Add(client);
        return client;
    }

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
