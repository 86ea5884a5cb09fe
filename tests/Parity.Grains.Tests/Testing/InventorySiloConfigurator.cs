using Orleans.TestingHost;
using Parity.Grains.Hosting;
using Parity.Grains.Orders;

namespace Parity.Grains.Tests.Testing;

/// <summary>
/// The shared test silo: Parity's grains on memory stores, as <c>Parity:Storage:Provider=Memory</c> runs them, with
/// <see cref="RecordingReservationOwner"/> in place of the order grain.
/// </summary>
public sealed class InventorySiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddParityGrains(siloBuilder.Configuration);
        siloBuilder.UseParityMemoryStores();

        // Latency and failures for the tests that ask for them; a snapshot every 5 events, so that reactivations in
        // these tests go through snapshot plus tail (the position asks for fewer as its state grows).
        siloBuilder.AddParityJournal(options =>
        {
            options.InjectFaults = true;
            options.SnapshotInterval = 5;
        });
        siloBuilder.WithoutGrainClass<OrderGrain>();
    }
}
