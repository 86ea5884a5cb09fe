using Microsoft.Extensions.DependencyInjection;

namespace Parity.Runtime.Hosting;

/// <summary>Configures a silo: its grains, storage, clustering and options (Orleans' ISiloBuilder).</summary>
public interface ISiloBuilder
{
    /// <summary>The host's services.</summary>
    IServiceCollection Services { get; }
}

internal sealed class SiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;
}
