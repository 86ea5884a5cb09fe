using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parity.Providers.Journal;

namespace Parity.Providers.Benchmarks;

/// <summary>
/// One Orleans silo in this process (<c>UseOrleans</c>, localhost clustering on free ports) with the Parity journal
/// behind the fault injector. Benchmarks call through the silo's own grain factory, as the old runtime's did: no
/// client connection, no wire.
/// </summary>
internal sealed class BenchmarkSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchmarkSilo(IHost host) => _host = host;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The journal's fault injector: latency, and counters of appends and appended events.</summary>
    public FaultInjectingJournalStorage Journal
        => (FaultInjectingJournalStorage)_host.Services.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

    /// <summary>Starts a silo whose journal <paramref name="configure"/> sets up; fault injection is always on (for the counters).</summary>
    public static async Task<BenchmarkSilo> StartAsync(Action<ParityJournalOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort());
            silo.AddParityJournal(options =>
            {
                // A snapshot is written off the callers' path, but it still costs CPU the old benchmark did not spend.
                options.SnapshotInterval = 1_000_000;
                configure(options);
                options.InjectFaults = true;
            });
        });
        var host = builder.Build();
        await host.StartAsync();
        return new BenchmarkSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
