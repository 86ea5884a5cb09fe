using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.Runtime.Hosting;

// Hosting extensions live where the host builder does, as Orleans' UseOrleans.
namespace Microsoft.Extensions.Hosting;

/// <summary>Adds a Parity silo to a .NET host.</summary>
public static class ParityHostingExtensions
{
    /// <summary>
    /// Runs a Parity silo in this host. Safe to call more than once: later calls only add configuration.
    /// Without storage or clustering configured, the silo uses memory storage and an in-process cluster.
    /// </summary>
    public static IHostApplicationBuilder UseParitySilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var services = builder.Services;
        var first = !services.Any(d => d.ServiceType == typeof(SiloHostedService));
        configure?.Invoke(new SiloBuilder(services));
        if (first)
        {
            SiloBuilderExtensions.AddSiloCore(services);
            services.AddSingleton<SiloHostedService>();
            services.AddHostedService(sp => sp.GetRequiredService<SiloHostedService>());
        }

        SiloBuilderExtensions.AddDefaults(services);
        return builder;
    }
}

/// <summary>Starts the silo with the host and stops it gracefully with the host. Startup tasks (opening the
/// database) run before the silo is resolved, so its providers find the database open.</summary>
internal sealed class SiloHostedService(IServiceProvider services, IOptions<SiloOptions> options, ILogger<SiloHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        logger.LogInformation(
            "Silo options: ClusterId={ClusterId} Host={Host} SiloPort={SiloPort} CallTimeout={CallTimeout} MailboxBound={MailboxBound} CollectionAge={CollectionAge} JournalSnapshotInterval={Snapshot} DeathTimeout={DeathTimeout}",
            o.ClusterId, o.Host, o.SiloPort, o.CallTimeout, o.MailboxBound, o.CollectionAge, o.JournalSnapshotInterval, o.DeathTimeout);
        foreach (var task in services.GetServices<ISiloStartupTask>())
        {
            await task.StartAsync(cancellationToken);
        }

        await services.GetRequiredService<Silo>().StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => services.GetRequiredService<Silo>().StopAsync(cancellationToken);
}
