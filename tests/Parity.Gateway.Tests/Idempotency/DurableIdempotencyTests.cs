using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Parity.Gateway.Tests.Testing;

namespace Parity.Gateway.Tests.Idempotency;

/// <summary>The stored answer outlives the gateway process that sent it and the silos that held the key's grain.</summary>
public sealed class DurableIdempotencyTests
{
    [Fact]
    public async Task Replay_ThroughAnotherGatewayProcess_AfterEverySiloThatHeldTheKeyLeft_ReturnsTheOriginal()
    {
        await using var host = await GatewayHost.StartAsync(o => o.Silos = 2);
        var position = await host.NewPositionAsync(0);
        var key = Guid.NewGuid().ToString();
        const string body = "{\"eventId\":\"durable-1\",\"quantity\":6}";
        var path = $"/v1/inventory/positions/{position}/receipts";
        var first = await host.Client(GatewayHost.WarehouseKey).SendAsync(Request(path, body, key));
        await first.AssertOkAsync();

        var replacement = await host.Cluster.StartAdditionalSiloAsync();
        foreach (var silo in host.Cluster.Silos.Where(s => s != replacement).ToList())
        {
            await host.Cluster.StopSiloAsync(silo);
        }

        await using var second = await SecondGatewayAsync(host);
        using var client = new HttpClient { BaseAddress = new Uri(second.Urls.Single()) };
        client.DefaultRequestHeaders.Add("X-Api-Key", GatewayHost.WarehouseKey);
        var replay = await client.SendAsync(Request(path, body, key));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        var other = await client.SendAsync(Request(path, "{\"eventId\":\"durable-2\",\"quantity\":1}", key));
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
    }

    private static HttpRequestMessage Request(string path, string json, string key) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { { "Idempotency-Key", key } },
    };

    private static async Task<WebApplication> SecondGatewayAsync(GatewayHost host)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(GatewayHost.KeySettings);
        builder.Services.AddSingleton(host.Grains);
        builder.Services.AddParityGateway(builder.Configuration);
        var app = builder.Build();
        app.MapParityGateway();
        await app.StartAsync();
        return app;
    }
}
