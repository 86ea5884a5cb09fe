using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parity.Gateway.Tests.Testing;
using Parity.Grains;
using Parity.Runtime.Hosting;

namespace Parity.Gateway.Tests.Hosting;

/// <summary>The two ways to run the gateway: co-hosted by a silo on its one port, and as its own process calling a
/// silo over the network.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task CoHostedWithASilo_ServesTheApiBesideTheSilosHealthEndpoints()
    {
        // The shape of silo/Program.cs, with the development keys of a newcomer's `dotnet run`.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.UseParitySilo(silo => silo.AddGrainAssembly(typeof(GrainsAssembly).Assembly).Configure(o => o.SiloPort = 0));
        builder.Services.AddParityGateway(builder.Configuration);
        await using var app = builder.Build();
        app.MapGet("/health/ready", (Silo silo) => Results.Ok(new { status = silo.Status.ToString() }));
        app.MapParityGateway();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var ready = await (await client.GetAsync("/health/ready")).AssertOkAsync();
        client.DefaultRequestHeaders.Add("X-Api-Key", "parity-dev-warehouse");
        await (await client.PostAsJsonAsync("/v1/inventory/positions/SKU-1@STORE-1/receipts", new { eventId = "cohost-1", quantity = 3 })).AssertOkAsync();
        var view = await (await client.GetAsync("/v1/inventory/positions/SKU-1@STORE-1")).AssertOkAsync();

        Assert.Equal("Active", ready.GetProperty("status").GetString());
        Assert.Equal(3, view.GetProperty("onHand").GetInt32());
        await app.StopAsync();
    }

    [Fact]
    public async Task DevelopmentKeys_AreNotHonouredOutsideDevelopment()
    {
        await using var host = await GatewayHost.StartAsync();
        var response = await host.Client("parity-dev-admin").GetAsync("/v1/exceptions");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-invalid");
    }

    [Fact]
    public async Task StandaloneGateway_CallsASiloOverTcp_AndIsReadyOnceItSeesIt()
    {
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.Logging.ClearProviders();
        siloBuilder.UseParitySilo(silo => silo
            .AddGrainAssembly(typeof(GrainsAssembly).Assembly)
            .Configure(o => { o.SiloPort = 0; o.ClusterId = "gateway-tests"; })
            .UseTcpTransport());
        using var siloHost = siloBuilder.Build();
        await siloHost.StartAsync();
        var silo = siloHost.Services.GetRequiredService<Silo>();

        var settings = new Dictionary<string, string?>(GatewayHost.KeySettings)
        {
            ["Gateway:Cluster:ClusterId"] = "gateway-tests",
            ["Gateway:Cluster:Gateways:0"] = silo.Address.Endpoint,
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddParityClusterConnection(builder.Configuration);
        builder.Services.AddParityGateway(builder.Configuration);
        await using var app = builder.Build();
        app.MapClusterConnectionHealth();
        app.MapParityGateway();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", GatewayHost.WarehouseKey);
        await (await client.GetAsync("/health/live")).AssertOkAsync();
        var ready = await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "the gateway sees the silo");
        Assert.Equal(1, (await ready.AssertOkAsync()).GetProperty("activeSilos").GetInt32());

        var answer = await Eventually.WaitForAsync(
            () => client.PostAsJsonAsync("/v1/inventory/positions/SKU-TCP@DC-1/receipts", new { eventId = "tcp-1", quantity = 7 }),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, "the gateway connected to the silo");
        await answer.AssertOkAsync();
        var view = await (await client.GetAsync("/v1/inventory/positions/SKU-TCP@DC-1")).AssertOkAsync();

        Assert.Equal(7, view.GetProperty("onHand").GetInt32());
        await app.StopAsync();
        await siloHost.StopAsync();
    }

    [Fact]
    public async Task StandaloneGateway_WithoutAReachableSilo_IsNotReady()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(GatewayHost.KeySettings) { ["Gateway:Cluster:Gateways:0"] = $"127.0.0.1:{port}" });
        builder.Services.AddParityClusterConnection(builder.Configuration);
        builder.Services.AddParityGateway(builder.Configuration);
        await using var app = builder.Build();
        app.MapClusterConnectionHealth();
        app.MapParityGateway();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        await (await client.GetAsync("/health/live")).AssertOkAsync();
        await (await client.GetAsync("/health/ready")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "temporarily-unavailable");
        await app.StopAsync();
    }
}
