using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Parity.Cluster.Tests.Processes;

/// <summary>
/// An Orleans client in the test process, in a host of its own (<c>UseOrleansClient</c>), as the standalone gateway
/// and any other Parity client connect to the silo processes.
/// </summary>
internal sealed class ClusterClientHost : IAsyncDisposable
{
    /// <summary>How long a call waits for its answer.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(10);

    private readonly IHost _host;

    private ClusterClientHost(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    /// <summary>A client finding the gateways in the ADO.NET membership table on PostgreSQL.</summary>
    public static Task<ClusterClientHost> ConnectToPostgresAsync(string connectionString, string clusterId, string serviceId) =>
        StartAsync(client => client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
        }), clusterId, serviceId);

    /// <summary>A client of one silo's gateway endpoint (a lone silo on localhost clustering).</summary>
    public static Task<ClusterClientHost> ConnectToGatewayAsync(int gatewayPort, string clusterId, string serviceId) =>
        StartAsync(client => client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, gatewayPort)), clusterId, serviceId);

    public async ValueTask DisposeAsync()
    {
        using (_host)
        {
            await _host.StopAsync();
        }
    }

    private static async Task<ClusterClientHost> StartAsync(Action<IClientBuilder> clustering, string clusterId, string serviceId)
    {
        // No default logging: the silo processes' logs are what a failing test prints.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            clustering(client);
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = serviceId;
            });

            // Re-read the gateway list every second, not every minute: a drill replaces silos within seconds.
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));

            // A call sent through a gateway that then dies is answered by nobody: the client learns its outcome only
            // at this timeout (Orleans' default is 30 s). The gateway bounds its calls by each request's deadline.
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = ResponseTimeout);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new ClusterClientHost(host);
    }
}
