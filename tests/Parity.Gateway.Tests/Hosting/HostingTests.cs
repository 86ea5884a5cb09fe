using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Hosting;
using Orleans.TestingHost;
using Parity.Gateway.Tests.Testing;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Hosting;
using Parity.TestInfrastructure;

namespace Parity.Gateway.Tests.Hosting;

/// <summary>The two ways to run the gateway: co-hosted by a silo on its one HTTP port, calling grains through the silo's
/// own grain factory, and as its own process, an Orleans client of the cluster that connects in the background.</summary>
[Collection(GatewayCollection.Name)]
public sealed class HostingTests(GatewayFixture fixture)
{
    [Fact]
    public async Task CoHostedWithASilo_CallsGrainsThroughTheSilo_WithTheDevelopmentKeys()
    {
        // The shape of silo/Program.cs, with the development keys of a newcomer's `dotnet run`.
        var ports = FreePorts.Take(2);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports[0], ports[1], serviceId: "cohost-" + Guid.NewGuid().ToString("N")[..8], clusterId: "cohost")
            .AddParityGrains(builder.Configuration)
            .UseParityMemoryStores());
        builder.Services.AddParityGateway(builder.Configuration);
        await using var app = builder.Build();
        app.MapParityGateway();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", "parity-dev-warehouse");

        await (await client.PostAsJsonAsync("/v1/inventory/positions/SKU-1@STORE-1/receipts", new { eventId = "cohost-1", quantity = 3 })).AssertOkAsync();
        var view = await (await client.GetAsync("/v1/inventory/positions/SKU-1@STORE-1")).AssertOkAsync();
        var seenBySilo = await app.Services.GetRequiredService<IGrainFactory>().GetGrain<IInventoryPositionGrain>("SKU-1@STORE-1").GetPositionAsync();

        Assert.Equal(3, view.GetProperty("onHand").GetInt32());
        Assert.Equal(3, seenBySilo.Figures.OnHand);
        await app.StopAsync();
    }

    [Fact]
    public async Task DevelopmentKeys_AreNotHonouredOutsideDevelopment()
    {
        var response = await fixture.Host.Client("parity-dev-admin").GetAsync("/v1/exceptions");
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "api-key-invalid");
    }

    [Fact]
    public async Task StandaloneGateway_CallsTheClusterAsAnOrleansClient_AndIsReadyOnceConnected()
    {
        var cluster = fixture.Host.Cluster;
        await using var app = await StandaloneGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Parity:Cluster:ClusterId"] = cluster.Options.ClusterId,
            ["Parity:Cluster:ServiceId"] = cluster.Options.ServiceId,
            ["Parity:Cluster:Gateways:0"] = cluster.Primary!.GatewayAddress!.Endpoint.ToString(),
        });
        using var client = StandaloneGateway.Client(app);

        await (await client.GetAsync("/health/live")).AssertOkAsync();
        var ready = await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "the gateway connects to the silo");
        Assert.Equal(1, (await ready.AssertOkAsync()).GetProperty("gateways").GetInt32());
        var position = $"SKU-TCP-{Guid.NewGuid():N}"[..20] + "@DC-1";
        await (await client.PostAsJsonAsync($"/v1/inventory/positions/{position}/receipts", new { eventId = "tcp-1", quantity = 7 })).AssertOkAsync();
        var view = await (await client.GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();

        Assert.Equal(7, view.GetProperty("onHand").GetInt32());
        Assert.Equal(7, (await fixture.Host.Grains.GetGrain<IInventoryPositionGrain>(position).GetPositionAsync()).Figures.OnHand);
        await app.StopAsync();
    }

    [Fact]
    public async Task StandaloneGateway_WithoutAReachableCluster_Answers503_AndIsNotReady()
    {
        var port = FreePorts.Take(1)[0];
        await using var app = await StandaloneGateway.StartAsync(new Dictionary<string, string?> { ["Parity:Cluster:Gateways:0"] = $"127.0.0.1:{port}" });
        using var client = StandaloneGateway.Client(app);

        await (await client.GetAsync("/health/live")).AssertOkAsync();
        var notReady = await client.GetAsync("/health/ready");
        var refused = await client.PostAsJsonAsync("/v1/inventory/positions/SKU-1@STORE-1/receipts", new { eventId = "nowhere-1", quantity = 1 });

        await notReady.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "temporarily-unavailable");
        Assert.NotNull(notReady.Headers.RetryAfter);
        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "temporarily-unavailable");
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused.Headers.RetryAfter}");
        await app.StopAsync();
    }

    [Fact]
    public async Task StandaloneGateway_StartedBeforeItsCluster_ConnectsInTheBackground_OnceASiloListens()
    {
        var ports = FreePorts.Take(2);
        var clusterId = "late-" + Guid.NewGuid().ToString("N")[..8];
        await using var app = await StandaloneGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Parity:Cluster:ClusterId"] = clusterId,
            ["Parity:Cluster:ServiceId"] = clusterId,
            ["Parity:Cluster:Gateways:0"] = $"127.0.0.1:{ports[1]}",
            ["Parity:Cluster:ConnectRetryDelay"] = "00:00:00.250",
        });
        using var client = StandaloneGateway.Client(app);
        await (await client.GetAsync("/health/ready")).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "temporarily-unavailable");

        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.ClusterId = clusterId;
        builder.Options.ServiceId = clusterId;
        builder.Options.BaseSiloPort = ports[0];
        builder.Options.BaseGatewayPort = ports[1];
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.AddSiloBuilderConfigurator<GatewaySiloConfigurator>();
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        try
        {
            await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "the gateway reaches the silo that started after it", timeoutSeconds: 60);
            await (await client.PostAsJsonAsync("/v1/inventory/positions/SKU-LATE@DC-1/receipts", new { eventId = "late-1", quantity = 2 })).AssertOkAsync();

            Assert.Equal(2, (await cluster.Client.GetGrain<IInventoryPositionGrain>("SKU-LATE@DC-1").GetPositionAsync()).Figures.OnHand);
        }
        finally
        {
            await app.StopAsync();
            await cluster.StopAllSilosAsync();
        }
    }
}
