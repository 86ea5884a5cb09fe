using System.Net;
using System.Text;
using Parity.Gateway.Tests.Testing;
using Parity.Providers.Schema;
using Parity.TestInfrastructure;

namespace Parity.Gateway.Tests.Idempotency;

/// <summary>The stored answer outlives the gateway process that sent it and the silos that held the key's grain: a
/// cluster on PostgreSQL (membership, grain state, journals), its silos replaced, asked through another gateway process.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class DurableIdempotencyTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task Replay_ThroughAnotherGatewayProcess_AfterEverySiloThatHeldTheKeyLeft_ReturnsTheOriginal()
    {
        var connectionString = await postgres.CreateDatabaseAsync("gateway_idempotency");
        await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);
        await using var host = await GatewayHost.StartAsync(o =>
        {
            o.Silos = 2;
            o.PostgresConnectionString = connectionString;
        });
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

        // Another gateway process, which finds the remaining silo in the membership table (configured as
        // deploy/local-cluster.sh configures its gateway: the connection string, no storage provider).
        await using var second = await StandaloneGateway.StartAsync(new Dictionary<string, string?>
        {
            ["Parity:Storage:ConnectionString"] = connectionString,
            ["Parity:Cluster:ClusterId"] = host.Cluster.Options.ClusterId,
            ["Parity:Cluster:ServiceId"] = host.Cluster.Options.ServiceId,
        });
        using var client = StandaloneGateway.Client(second);
        await Eventually.WaitForAsync(() => client.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "the second gateway reaches the remaining silo", timeoutSeconds: 60);
        var replay = await client.SendAsync(Request(path, body, key));

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("true", Assert.Single(replay.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        var other = await client.SendAsync(Request(path, "{\"eventId\":\"durable-2\",\"quantity\":1}", key));
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        var view = await (await client.GetAsync($"/v1/inventory/positions/{position}")).AssertOkAsync();
        Assert.Equal(6, view.GetProperty("onHand").GetInt32());
        await second.StopAsync();
    }

    private static HttpRequestMessage Request(string path, string json, string key) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { { "Idempotency-Key", key } },
    };
}
