using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Parity.Grains.Tests.Testing;

/// <summary>Lets a test double answer for a real grain: the silo drops the real class, the double declares its grain type.</summary>
internal static class TestDoubleSiloBuilderExtensions
{
    /// <summary>
    /// Removes <typeparamref name="TGrain"/> from the silo's grain classes. A test double carrying the same
    /// <c>[GrainType]</c> then is the only class of that grain type, so every caller (by interface or by grain id)
    /// reaches the double, as a real caller would reach the real grain.
    /// </summary>
    public static ISiloBuilder WithoutGrainClass<TGrain>(this ISiloBuilder silo)
        where TGrain : IGrain
    {
        // Post-configure: Orleans fills the classes from the application parts in its own Configure step.
        silo.Services.PostConfigure<GrainTypeOptions>(static options => options.Classes.Remove(typeof(TGrain)));
        return silo;
    }
}
