using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Parity.Gateway.Hosting;
using Parity.Providers.Hosting;

// Next to UseOrleansClient, where a reader of Program.cs looks for it.
namespace Microsoft.Extensions.Hosting;

/// <summary>Makes a gateway process an Orleans client of the Parity silo cluster.</summary>
public static class ClusterClientHostingExtensions
{
    /// <summary>
    /// Adds an Orleans client (<c>UseOrleansClient</c>) whose <c>IClusterClient</c> and <c>IGrainFactory</c> the gateway
    /// calls grains through. It finds the cluster with the silos' own keys: <c>Parity:Cluster:ClusterId</c> and
    /// <c>ServiceId</c>, then the silo gateway endpoints in <c>Parity:Cluster:Gateways</c> (<c>host:port</c>), or the
    /// PostgreSQL membership table at <c>Parity:Storage:ConnectionString</c> (with <c>Parity:Storage:Provider</c>
    /// Postgres or unset), or else the default silo on this machine (<c>127.0.0.1:30000</c>). The client connects in the background and
    /// keeps retrying (<c>Parity:Cluster:ConnectRetryDelay</c>, 2 s), so the HTTP server starts at once: until the
    /// client is connected, grain calls answer 503 and <see cref="ClusterClientHealthExtensions.MapClusterClientHealth"/>
    /// reports not ready. Call it before any other <c>UseOrleansClient</c> (which may then add to the same client). Safe
    /// to call twice.
    /// </summary>
    /// <exception cref="InvalidOperationException">A setting is malformed (the message names it), or an Orleans client
    /// or silo was added to the host before.</exception>
    public static IHostApplicationBuilder UseParityClusterClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(ClusterClientConnector)))
        {
            return builder;
        }

        if (services.Any(static d => d.ServiceType == typeof(IClusterClient)))
        {
            // Its hosted service would already be in the host's start, which this extension must take it out of.
            throw new InvalidOperationException(
                $"{nameof(UseParityClusterClient)} must add the host's Orleans client: call it before UseOrleansClient or UseOrleans, not after.");
        }

        var settings = ClusterClientSettings.Read(builder.Configuration);
        services.AddSingleton(settings);
        services.AddSingleton<ClusterConnectionState>();
        services.AddCachedGrainInterfaceTypes();
        services.TryAddSingleton(TimeProvider.System);

        var hostedBefore = services.Where(static d => d.ServiceType == typeof(IHostedService)).ToHashSet();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ServiceId));
            if (settings.MembershipConnectionString is { } connectionString)
            {
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            }
            else
            {
                client.UseStaticClustering([.. settings.Gateways]);
            }

            // Orleans' client retries a gateway it saw die, and learns of new silos, once per refresh period (a minute by
            // default): after a silo restart or failover the gateway process should serve again within seconds.
            client.Configure<Orleans.Configuration.GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.UseConnectionRetryFilter<ClusterConnectionRetryFilter>();
            client.Services.AddSingleton<IClusterConnectionStatusObserver>(static sp => sp.GetRequiredService<ClusterConnectionState>());
        });

        // The client's hosted services (the cluster client itself) start in the background, not in the host's start.
        var clientServices = services.Where(d => d.ServiceType == typeof(IHostedService) && !hostedBefore.Contains(d)).ToList();
        foreach (var descriptor in clientServices)
        {
            services.Remove(descriptor);
        }

        services.AddSingleton(sp => new ClusterClientConnector(
            clientServices, sp, sp.GetRequiredService<ClusterConnectionState>(), settings, sp.GetRequiredService<ILogger<ClusterClientConnector>>()));
        services.AddHostedService(static sp => sp.GetRequiredService<ClusterClientConnector>());
        return builder;
    }
}
