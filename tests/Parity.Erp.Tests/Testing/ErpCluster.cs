using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces.Erp;
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

    /// <summary>A cluster whose silos post to <paramref name="sandbox"/> over HTTP with <paramref name="erp"/> settings
    /// (each silo has its own <see cref="ErpGate"/>, as separate processes would).</summary>
    public static Task<TestCluster> StartWithSandboxAsync(PostingRuleBook rules, SandboxServer sandbox, ErpPostingOptions erp,
        HledgerExporter? exporter = null, Action<TestClusterOptions>? configure = null)
    {
        erp.BaseUrl = sandbox.Address.ToString();
        return StartAsync(rules, s =>
        {
            s.AddSingleton(Options.Create(erp));
            s.AddSingleton(_ => new ErpGate(erp));
            s.AddSingleton<IErpConnector>(_ => new HttpErpConnector(new HttpClient { BaseAddress = sandbox.Address, Timeout = erp.RequestTimeout }));
            if (exporter is not null)
            {
                s.AddSingleton(exporter);
            }
        }, configure: configure);
    }

    /// <summary>Fast retries for tests: the outage and the backoff are what is tested, not their default lengths.</summary>
    public static ErpPostingOptions QuickRetries() => new()
    {
        FirstRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
        CircuitFailureThreshold = 3,
        CircuitBreakDuration = TimeSpan.FromSeconds(1),
        RatePerSecond = 10_000,
        Burst = 1_000,
        ReminderPeriod = TimeSpan.FromSeconds(1),
    };

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
