using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parity.Cluster.Tests.Grains;
using Parity.Cluster.Tests.Transport;
using Parity.Runtime;
using Parity.Runtime.Hosting;
using Parity.Runtime.Membership;
using Parity.TestInfrastructure;

namespace Parity.Cluster.Tests.Hosting;

/// <summary><c>UseParityClient</c> in a host of its own, configured from configuration, against silos on TCP.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class ParityClientHostingTests(PostgresServerFixture postgres)
{
    [Fact]
    public async Task UseParityClient_WithPostgresMembershipFromConfiguration_CallsGrainsAfterStart()
    {
        var connectionString = await postgres.CreateDatabaseAsync("clienthost");
        using var silo = await StartSiloAsync(s => s.UsePostgresStorage(o => o.ConnectionString = connectionString), "client-host");
        using var client = BuildClientHost(new()
        {
            ["Parity:Client:ClusterId"] = "client-host",
            ["Parity:Client:MembershipConnectionString"] = connectionString,
            ["Parity:Client:MaxAttempts"] = "3",
        });

        await client.StartAsync();
        var factory = client.Services.GetRequiredService<IGrainFactory>();
        var tally = factory.GetGrain<ITallyGrain>("hosted-client");
        await tally.AddAsync(4, "x");
        Assert.Equal(2, await tally.AddAsync(5, "y"));
        var view = await tally.GetAsync();
        Assert.Equal(9, view.Total);
        Assert.Equal(TcpTransportTests.Silo(silo).Address.ToString(), view.Silo);
        Assert.Same(factory, client.Services.GetRequiredService<IClusterClient>());
        Assert.Single(client.Services.GetRequiredService<IClusterClient>().View.ActiveSilos);

        await client.StopAsync();
        var closed = Assert.Throws<InvalidOperationException>(() => factory.GetGrain<ITallyGrain>("hosted-client"));
        Assert.Contains("closed", closed.Message, StringComparison.Ordinal);
        await silo.StopAsync();
    }

    [Fact]
    public async Task UseParityClient_WithGatewayListFromConfiguration_RoutesToTheSilo()
    {
        using var silo = await StartSiloAsync(s => s.UseInMemoryClustering(new InMemoryMembershipTable()).UseTcpTransport(), "parity");
        var address = TcpTransportTests.Silo(silo).Address;
        using var client = BuildClientHost(new() { ["Parity:Client:Gateways:0"] = $"{address.Host}:{address.Port}" });

        var factory = client.Services.GetRequiredService<IGrainFactory>();
        var early = Assert.Throws<InvalidOperationException>(() => factory.GetGrain<IEchoGrain>("gw"));
        Assert.Contains("not connected", early.Message, StringComparison.Ordinal);

        await client.StartAsync();
        Assert.Equal(address.ToString(), await factory.GetGrain<IEchoGrain>("gw").WhereAsync());
        await client.StopAsync();
        await silo.StopAsync();
    }

    [Fact]
    public async Task UseParityClient_CalledTwice_AppliesBothConfigurations()
    {
        using var silo = await StartSiloAsync(s => s.UseInMemoryClustering(new InMemoryMembershipTable()).UseTcpTransport(), "parity");
        var address = TcpTransportTests.Silo(silo).Address;
        var builder = Host.CreateApplicationBuilder();
        builder.UseParityClient(b => b.AddGrainAssembly(typeof(EchoGrain).Assembly));
        builder.UseParityClient(b => b.UseStaticGateways($"{address.Host}:{address.Port}"));
        using var client = builder.Build();

        await client.StartAsync();
        Assert.Equal(address.ToString(), await client.Services.GetRequiredService<IGrainFactory>().GetGrain<IEchoGrain>("twice").WhereAsync());
        Assert.Single(client.Services.GetServices<IHostedService>().OfType<IClusterClient>());
        await client.StopAsync();
        await silo.StopAsync();
    }

    [Fact]
    public async Task UseParityClient_WithoutMembershipOrGateways_FailsAtStart()
    {
        using var client = BuildClientHost([]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.StartAsync());
        Assert.Contains("UseStaticGateways", error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildClientHost(Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.UseParityClient(b => b.AddGrainAssembly(typeof(EchoGrain).Assembly));
        return builder.Build();
    }

    private static async Task<IHost> StartSiloAsync(Action<ISiloBuilder> configure, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseParitySilo(silo =>
        {
            silo.AddGrainsFromAssemblyOf<EchoGrain>().Configure(o => { o.SiloPort = 0; o.ClusterId = clusterId; });
            configure(silo);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
