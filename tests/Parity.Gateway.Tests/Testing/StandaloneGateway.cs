using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Parity.Gateway.Tests.Testing;

/// <summary>The gateway as its own process runs it (client-gateway/Program.cs): an Orleans client of the cluster the
/// settings name, on a real Kestrel server on 127.0.0.1.</summary>
public static class StandaloneGateway
{
    public static async Task<WebApplication> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(GatewayHost.GatewaySettings(settings));
        builder.UseParityClusterClient();
        builder.Services.AddParityGateway(builder.Configuration);
        var app = builder.Build();
        app.MapClusterClientHealth();
        app.MapParityGateway();
        await app.StartAsync();
        return app;
    }

    public static HttpClient Client(WebApplication app, string? apiKey = GatewayHost.WarehouseKey)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }
}
