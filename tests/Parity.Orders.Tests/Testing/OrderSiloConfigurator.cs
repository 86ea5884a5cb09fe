using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Parity.Grains.Hosting;
using Parity.Grains.Inventory;
using Parity.Grains.Orders;
using Parity.Grains.Posting;

namespace Parity.Orders.Tests.Testing;

/// <summary>
/// The shared test silo: Parity's grains on memory stores with the test order options (<see cref="OrderCluster.Configure"/>),
/// the hold audit every 200 ms with a 2 s grace period, journal fault injection on, and <see cref="RecordingPostingIntake"/> in place of the posting intake.
/// </summary>
public sealed class OrderSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddParityGrains(siloBuilder.Configuration);
        siloBuilder.UseParityMemoryStores();
        siloBuilder.AddParityJournal(options => options.InjectFaults = true);
        siloBuilder.Services.Configure<OrderOptions>(OrderCluster.Configure);
        siloBuilder.Services.Configure<OrderHoldAuditOptions>(OrderCluster.Configure);
        siloBuilder.WithoutGrainClass<PostingIntakeGrain>();
    }
}
