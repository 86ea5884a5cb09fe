using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parity.Grains.Hosting;

namespace Parity.Dashboard.Tests.Testing;

/// <summary>
/// A silo's web host composed as <c>silo/Program.cs</c> composes it: an Orleans silo (<c>UseOrleans</c>, Parity's
/// grains on the memory stores, localhost clustering on free ports) with the Orleans Dashboard, the gateway, Parity's
/// dashboard and the Orleans Dashboard's pages in one Kestrel server on 127.0.0.1, the grains reached through the
/// silo's own grain factory.
/// </summary>
public sealed class SiloHost : IAsyncDisposable
{
    private SiloHost(WebApplication app)
    {
        App = app;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public IGrainFactory Grains => App.Services.GetRequiredService<IGrainFactory>();

    public static async Task<SiloHost> StartAsync(string environment, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(DashboardHost.Settings(settings ?? new Dictionary<string, string?>()));
        // Free ports and a cluster of its own: other silos may run on this machine.
        var cluster = "dashboard-" + Guid.NewGuid().ToString("N")[..8];
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: cluster, clusterId: cluster)
            .AddParityGrains(builder.Configuration)
            .UseParityMemoryStores()
            .AddParityOrleansDashboard(builder.Environment));
        builder.Services.AddParityGateway(builder.Configuration);
        builder.Services.AddParityDashboard(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        app.MapParityDashboard();
        app.MapParityOrleansDashboard();
        await app.StartAsync();
        return new SiloHost(app);
    }

    /// <summary>An HttpClient that keeps cookies and does not follow redirects, as a test of access wants.</summary>
    public HttpClient Client(string? apiKey = null, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = BaseAddress,
        };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
