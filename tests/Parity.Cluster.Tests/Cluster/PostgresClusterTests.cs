using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Parity.Cluster.Tests.Grains;
using Parity.Cluster.Tests.Transport;
using Parity.Runtime;
using Parity.Runtime.Hosting;
using Parity.TestInfrastructure;

namespace Parity.Cluster.Tests.Cluster;

/// <summary>Two silos in this process, each with its own TCP listener on 127.0.0.1, sharing PostgreSQL
/// membership and storage, and network clients that find them in the membership table.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresClusterTests(PostgresServerFixture postgres) : IAsyncLifetime
{
    private string _connectionString = "";
    private IHost _a = null!;
    private IHost _b = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync("cluster");
        _a = await StartSiloAsync();
        _b = await StartSiloAsync();
        await TcpTransportTests.WaitUntilAsync(() =>
            TcpTransportTests.Silo(_a).Placement.View.ActiveSilos.Count == 2 && TcpTransportTests.Silo(_b).Placement.View.ActiveSilos.Count == 2);
    }

    [Fact]
    public async Task Client_CallsGrainsOnBothSilos_StraightToTheOwner()
    {
        await using var client = await ConnectClientAsync(o => { });
        await TcpTransportTests.WaitUntilAsync(() => client.View.ActiveSilos.Count == 2);
        foreach (var silo in new[] { TcpTransportTests.Silo(_a), TcpTransportTests.Silo(_b) })
        {
            var key = TcpTransportTests.KeyOwnedBy(silo);
            Assert.Equal(silo.Address.ToString(), await client.GetGrain<IEchoGrain>(key).WhereAsync());
            var tally = client.GetGrain<ITallyGrain>(key);
            await tally.AddAsync(3, "r1");
            Assert.Equal(3, (await tally.GetAsync()).Total);
        }
    }

    [Fact]
    public async Task Client_SeesRemoteExceptions_WithTypeAndMessage()
    {
        await using var client = await ConnectClientAsync(o => { });
        var grain = client.GetGrain<IEchoGrain>(TcpTransportTests.KeyOwnedBy(TcpTransportTests.Silo(_b)));
        var invalid = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowAsync("invalid", "order is already shipped"));
        Assert.Equal("order is already shipped", invalid.Message);
        var domain = await Assert.ThrowsAsync<OutOfWidgetsException>(() => grain.ThrowAsync("domain", "no widgets"));
        Assert.Equal("no widgets", domain.Message);
        await Assert.ThrowsAsync<DeadlockException>(() => grain.ThrowAsync("deadlock", ""));
    }

    [Fact]
    public async Task CallToStoppedSilo_FailsFast_ThenRetryReachesNewOwner()
    {
        // Both clients keep their view until told otherwise, so their first call still goes to the stopped silo.
        await using var noRetry = await ConnectClientAsync(o => { o.MaxAttempts = 1; o.RefreshPeriod = TimeSpan.FromHours(1); });
        await using var retrying = await ConnectClientAsync(o => { o.MaxAttempts = 10; o.RefreshPeriod = TimeSpan.FromHours(1); });
        var stopped = TcpTransportTests.Silo(_b);
        var key = TcpTransportTests.KeyOwnedBy(stopped);
        Assert.Equal(stopped.Address.ToString(), await noRetry.GetGrain<IEchoGrain>(key).WhereAsync());

        await _b.StopAsync();

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => noRetry.GetGrain<IEchoGrain>(key).WhereAsync());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"failing took {watch.Elapsed}");
        Assert.IsAssignableFrom<RetryableException>(error);

        Assert.Equal(2, retrying.View.ActiveSilos.Count);
        var where = await retrying.GetGrain<IEchoGrain>(key).WhereAsync();
        Assert.Equal(TcpTransportTests.Silo(_a).Address.ToString(), where);
        Assert.Single(retrying.View.ActiveSilos);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _b, _a })
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private async Task<IHost> StartSiloAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseParitySilo(silo => silo
            .AddGrainsFromAssemblyOf<EchoGrain>()
            .Configure(o => { o.SiloPort = 0; o.ClusterId = "cluster-tests"; })
            .UsePostgresStorage(o => o.ConnectionString = _connectionString));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task<IClusterClient> ConnectClientAsync(Action<ClusterClientOptions> configure)
    {
        var builder = new ClusterClientBuilder().AddGrainAssembly(typeof(EchoGrain).Assembly).UsePostgresClustering(_connectionString);
        builder.Options.ClusterId = "cluster-tests";
        configure(builder.Options);
        return await builder.ConnectAsync();
    }
}
