using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Parity.Cluster.Tests.Grains;
using Parity.Runtime;
using Parity.Runtime.Hosting;
using Parity.Runtime.Membership;

namespace Parity.Cluster.Tests.Transport;

/// <summary>Two silos in this process, each with its own TCP listener on 127.0.0.1, sharing an in-memory table.</summary>
public sealed class TcpTransportTests : IAsyncLifetime
{
    private readonly InMemoryMembershipTable _table = new();
    private IHost _a = null!;
    private IHost _b = null!;

    public async Task InitializeAsync()
    {
        _a = await StartAsync();
        _b = await StartAsync();
        await WaitUntilAsync(() => Silo(_a).Placement.View.ActiveSilos.Count == 2 && Silo(_b).Placement.View.ActiveSilos.Count == 2);
    }

    [Fact]
    public async Task Call_ToGrainOnOtherSilo_RunsThereOverTcp()
    {
        var key = KeyOwnedBy(Silo(_b));
        var factory = Silo(_a).GrainFactory;
        var at = DateTimeOffset.UnixEpoch.AddDays(1);
        RequestContext.CorrelationId = "corr-tcp";
        var reply = await factory.GetGrain<IEchoGrain>(key).EchoAsync(new EchoRequest("hello", 2, at));
        Assert.Equal(new EchoReply("hello", 2, at, Silo(_b).Address.ToString()), reply);
        Assert.Equal("corr-tcp", await factory.GetGrain<IEchoGrain>(key).CorrelationIdAsync());
        Assert.NotEqual(0, Silo(_b).Address.Port);
    }

    [Fact]
    public async Task Exception_OnOtherSilo_KeepsTypeAndMessage()
    {
        var grain = Silo(_a).GrainFactory.GetGrain<IEchoGrain>(KeyOwnedBy(Silo(_b)));
        var domain = await Assert.ThrowsAsync<OutOfWidgetsException>(() => grain.ThrowAsync("domain", "no widgets at STORE-042"));
        Assert.Equal("no widgets at STORE-042", domain.Message);
        await Assert.ThrowsAsync<GrainOverloadedException>(() => grain.ThrowAsync("overloaded", ""));
        var remote = await Assert.ThrowsAsync<RemoteGrainException>(() => grain.ThrowAsync("opaque", ""));
        Assert.Equal("opaque failure 42", remote.Message);
    }

    [Fact]
    public async Task CallToHungGrain_TimesOut_AndItsRegistrationIsForgotten()
    {
        var grain = Silo(_a).GrainFactory.GetGrain<IEchoGrain>(KeyOwnedBy(Silo(_b)));
        var outbound = ((Parity.Runtime.Transport.Tcp.TcpSiloConnector)Silo(_a).Connector).Outbound!;
        try
        {
            Assert.Equal(Silo(_b).Address.ToString(), await grain.WhereAsync());
            RequestContext.Deadline = DateTimeOffset.UtcNow.AddSeconds(1);
            await Assert.ThrowsAsync<GrainCallTimeoutException>(() => grain.HangAsync());
            RequestContext.Deadline = null;
            Assert.Equal(1, outbound.PendingCalls);

            // The hung grain never answers; the transport must still drop the call it is waiting for.
            await WaitUntilAsync(() => outbound.PendingCalls == 0);
            Assert.Equal(0, outbound.PendingCalls);
        }
        finally
        {
            RequestContext.Deadline = null;
            EchoGrain.ReleaseHung();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var host in new[] { _a, _b })
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private async Task<IHost> StartAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseParitySilo(silo => silo
            .AddGrainsFromAssemblyOf<EchoGrain>()
            .Configure(o => o.SiloPort = 0)
            .UseInMemoryClustering(_table)
            .UseTcpTransport());
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    internal static Silo Silo(IHost host) => host.Services.GetRequiredService<Silo>();

    internal static string KeyOwnedBy(Silo silo)
    {
        for (var i = 0; ; i++)
        {
            var key = $"k{i}";
            if (silo.Placement.PickOwner(new GrainId("echo", key)) == silo.Address)
            {
                return key;
            }
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int timeoutSeconds = 20)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
