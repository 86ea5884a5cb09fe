using Microsoft.Extensions.DependencyInjection;
using Parity.Grains;
using Parity.Grains.Settlements;
using Parity.Runtime.Testing;

namespace Parity.Settlements.Tests.Testing;

/// <summary>Starts an in-process cluster with the grains, the recording posting double in place of ERP posting, and
/// settlement options with short retry periods.</summary>
public static class SettlementCluster
{
    public static Task<TestCluster> StartAsync(Action<SettlementOptions>? configure = null)
    {
        var options = new SettlementOptions { HandOffRetryPeriod = TimeSpan.FromMilliseconds(200) };
        configure?.Invoke(options);
        return TestCluster.StartAsync(1, o =>
        {
            o.GrainAssemblies.Add(typeof(GrainsAssembly).Assembly);
            o.GrainAssemblies.Add(typeof(RecordingPostingIntake).Assembly);
            o.ConfigureOptions = s => s.ReminderPollPeriod = TimeSpan.FromMilliseconds(100);
            o.ConfigureSilo = b => b.Services.AddSingleton(options);
        });
    }
}
