using Parity.Gateway.Hosting;
using Parity.Runtime;

// Next to AddParityGateway.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Connects a gateway process to a silo cluster.</summary>
public static class ClusterConnectionExtensions
{
    /// <summary>Registers an <see cref="IGrainFactory"/> that calls a silo cluster over the network (settings in
    /// <c>Gateway:Cluster</c>: PostgreSQL membership, or static silo endpoints), connected in the background.</summary>
    public static IServiceCollection AddParityClusterConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClusterConnectionOptions>().Bind(configuration.GetSection(ClusterConnectionOptions.SectionName));
        services.AddSingleton<ClusterConnection>();
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<ClusterConnection>());
        services.AddHostedService(sp => sp.GetRequiredService<ClusterConnection>());
        return services;
    }
}
