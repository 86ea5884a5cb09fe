using Orleans.TestingHost;
using Parity.Grains.Hosting;

namespace Parity.StoreDays.Tests.Testing;

/// <summary>The shared test silo: Parity's grains on memory stores, with the store-day test options.</summary>
public sealed class StoreDaySiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddParityGrains(siloBuilder.Configuration);
        siloBuilder.UseParityMemoryStores();
        siloBuilder.AddStoreDayTestOptions();
    }
}
