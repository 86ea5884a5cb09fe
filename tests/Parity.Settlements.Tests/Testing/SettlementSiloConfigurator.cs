using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;
using Parity.Grains.Hosting;
using Parity.Grains.Posting;

namespace Parity.Settlements.Tests.Testing;

/// <summary>
/// A settlement test silo: Parity's grains on memory stores with their options from the cluster's properties, and
/// <see cref="RecordingPostingIntake"/> answering for <c>IPostingIntakeGrain</c>. The real
/// <see cref="PostingIntakeGrain"/> is left out of this silo's grain classes, so the interface has one implementation
/// and the settlement grains, which address posting by interface and legal entity, reach the double.
/// </summary>
public sealed class SettlementSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        siloBuilder.AddParityGrains(siloBuilder.Configuration).UseParityMemoryStores();
        siloBuilder.Services.Configure<GrainTypeOptions>(options => options.Classes.Remove(typeof(PostingIntakeGrain)));

        // The hand-off retry period these tests use (200 ms) is below Orleans' one-minute floor for reminders.
        siloBuilder.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(100));
    }
}
