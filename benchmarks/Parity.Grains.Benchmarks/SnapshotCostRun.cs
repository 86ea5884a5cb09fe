using System.Diagnostics;
using System.Globalization;
using Parity.GrainInterfaces.Operations;
using Parity.Runtime.Statistics;
using Parity.Runtime.Testing;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// Console mode <c>--snapshot-cost [--grains N] [--iterations N]</c>: what the dashboard's collection costs per second
/// outside the call path, measured directly rather than as a difference of two noisy CPU readings. One in-process silo
/// with N active grains; times the statistics snapshot (what the publisher takes once a second: one scan of the
/// catalog, percentiles, top 20) and the cluster statistics grain's read (what the dashboard server does at most twice
/// a second, whatever the number of browsers).
/// </summary>
internal static class SnapshotCostRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var grains = Option(args, "--grains", 10_000);
        var iterations = Option(args, "--iterations", 200);
        await using var cluster = await TestCluster.StartAsync(1, o =>
        {
            o.GrainAssemblies.Add(typeof(GrainsAssembly).Assembly);
            o.ConfigureOptions = s => s.StatisticsPublishPeriod = TimeSpan.FromSeconds(1);
        });
        var keys = Enumerable.Range(0, grains).Select(i => "probe-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        foreach (var chunk in keys.Chunk(256))
        {
            await Task.WhenAll(chunk.Select(k => cluster.GrainFactory.GetGrain<IProbeLedgerGrain>(k).GetSummaryAsync()));
        }

        var statistics = cluster.Silos[0].Statistics;
        var snapshot = Measure(iterations, () => statistics.GetSnapshot(20));
        var grain = cluster.GrainFactory.GetGrain<IClusterStatisticsGrain>(IClusterStatisticsGrain.ClusterKey);
        await cluster.Silos[0].PublishStatisticsAsync();
        var read = await MeasureAsync(iterations, () => grain.GetAsync());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapshot cost: one silo in process, {cluster.Silos[0].ActivationCount:N0} activations, {iterations} iterations, {Environment.ProcessorCount} cores"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| statistics snapshot (publisher, once a second per silo) | {snapshot.WallMs:F3} ms | {snapshot.CpuMs:F3} ms CPU | {snapshot.CpuMs / 10:F3} % of one core at 1/s |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| cluster statistics read (dashboard server, at most twice a second) | {read.WallMs:F3} ms | {read.CpuMs:F3} ms CPU | {read.CpuMs * 2 / 10:F3} % of one core at 2/s |"));
        return 0;
    }

    private static (double WallMs, double CpuMs) Measure(int iterations, Action action)
    {
        action();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds / iterations,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / iterations);
    }

    private static async Task<(double WallMs, double CpuMs)> MeasureAsync(int iterations, Func<Task> action)
    {
        await action();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < iterations; i++)
        {
            await action();
        }

        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds / iterations,
            (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / iterations);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
