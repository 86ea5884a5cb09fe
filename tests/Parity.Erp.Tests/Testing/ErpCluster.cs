using Microsoft.Extensions.DependencyInjection;
using Parity.Grains.Posting;
using Parity.Runtime.Testing;

namespace Parity.Erp.Tests.Testing;

/// <summary>Starts in-process clusters hosting the grains with the given posting rules and ERP services.</summary>
internal static class ErpCluster
{
    public static Task<TestCluster> StartAsync(PostingRuleBook rules, Action<IServiceCollection>? services = null, int silos = 1,
        Action<TestClusterOptions>? configure = null) =>
        TestCluster.StartAsync(silos, o =>
        {
            o.GrainAssemblies.Add(typeof(PostingIntakeGrain).Assembly);
            o.ConfigureSilo = silo =>
            {
                silo.Services.AddSingleton(rules);
                services?.Invoke(silo.Services);
            };
            configure?.Invoke(o);
        });

    /// <summary>A legal entity nobody else uses, so tests sharing a cluster do not see each other's journals.</summary>
    public static string NewLegalEntity() => $"LE-{Guid.NewGuid():N}"[..15];

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time{(because is null ? "" : ": " + because)}.");
            }

            await Task.Delay(20);
        }
    }
}
