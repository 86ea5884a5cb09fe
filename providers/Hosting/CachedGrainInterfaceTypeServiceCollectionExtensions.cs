using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Parity.Providers.Metadata;

namespace Parity.Providers.Hosting;

/// <summary>Registers <see cref="CachedGrainInterfaceTypeProvider"/> in a silo or client.</summary>
public static class CachedGrainInterfaceTypeServiceCollectionExtensions
{
    /// <summary>Puts <see cref="CachedGrainInterfaceTypeProvider"/> first among the grain interface type providers (their
    /// order is the order asked). Safe to call more than once.</summary>
    public static IServiceCollection AddCachedGrainInterfaceTypes(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ImplementationType == typeof(CachedGrainInterfaceTypeProvider)))
        {
            services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, CachedGrainInterfaceTypeProvider>());
        }

        return services;
    }
}
