using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Parity.Erp.Tests.Testing;

/// <summary>
/// The channel gateway on a real Kestrel server (127.0.0.1, random port) over a test cluster's client, as a gateway
/// process of its own runs it, with the given API keys (and, optionally, further gateway settings).
/// </summary>
internal sealed class GatewayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private GatewayServer(WebApplication app)
    {
        _app = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public Uri BaseAddress { get; }

    public static Task<GatewayServer> StartAsync(IClusterClient client, params (string Key, string Channel, string[] Scopes)[] apiKeys) =>
        StartAsync(client, new Dictionary<string, string?>(), apiKeys);

    /// <summary>The gateway with <paramref name="settings"/> (e.g. <c>Gateway:Shopify:...</c>) besides the API keys.</summary>
    public static async Task<GatewayServer> StartAsync(
        IClusterClient client, IReadOnlyDictionary<string, string?> settings, params (string Key, string Channel, string[] Scopes)[] apiKeys)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var configuration = new Dictionary<string, string?>(settings);
        for (var i = 0; i < apiKeys.Length; i++)
        {
            configuration[$"Gateway:ApiKeys:{i}:Key"] = apiKeys[i].Key;
            configuration[$"Gateway:ApiKeys:{i}:Channel"] = apiKeys[i].Channel;
            for (var s = 0; s < apiKeys[i].Scopes.Length; s++)
            {
                configuration[$"Gateway:ApiKeys:{i}:Scopes:{s}"] = apiKeys[i].Scopes[s];
            }
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<IGrainFactory>(client);
        builder.Services.AddParityGateway(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        await app.StartAsync();
        return new GatewayServer(app);
    }

    /// <summary>An HttpClient to the gateway sending <paramref name="apiKey"/>.</summary>
    public HttpClient Client(string apiKey)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
