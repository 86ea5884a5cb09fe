using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Parity.GrainInterfaces.Operations;
using Parity.Grains.Operations;
using Parity.Runtime.Hosting;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// Console mode <c>--remote-call [--seconds N] [--callers N]</c>: a silo process started from the silo's build output
/// (memory storage, TCP on loopback) and this process as its cluster client. Measures a read-only grain call
/// (<see cref="IProbeLedgerGrain.GetSummaryAsync"/>) across the process boundary: one caller awaiting each call,
/// then N concurrent callers on N grains.
/// </summary>
internal static partial class RemoteCallRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var callers = Option(args, "--callers", 64);
        var dll = typeof(RemoteCallRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "SiloAssemblyPath").Value!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Silo__SiloPort"] = "0";
        start.Environment["Parity__Storage__Provider"] = "Memory";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Parity.Transport.Tcp"] = "Information";
        using var silo = Process.Start(start)!;
        try
        {
            var port = await ReadSiloPortAsync(silo);
            await using var client = await new ClusterClientBuilder().AddGrainAssembly(typeof(ProbeLedgerGrain).Assembly)
                .UseStaticGateways($"127.0.0.1:{port}").ConnectAsync();
            var grains = Enumerable.Range(0, callers).Select(i => client.GetGrain<IProbeLedgerGrain>("bench-" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
            foreach (var grain in grains)
            {
                await grain.GetSummaryAsync();
            }

            Console.WriteLine($"remote call: client process -> silo process (pid {silo.Id}) over TCP on 127.0.0.1, IProbeLedgerGrain.GetSummaryAsync, {seconds} s per mode");
            await MeasureAsync("1 caller, each call awaited", [grains[0]], seconds);
            await MeasureAsync($"{callers} concurrent callers on {callers} grains", grains, seconds);
        }
        finally
        {
            silo.Kill(entireProcessTree: true);
            await silo.WaitForExitAsync();
        }

        return 0;
    }

    private static async Task MeasureAsync(string name, IProbeLedgerGrain[] grains, int seconds)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var latencies = new List<long>[grains.Length];
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task[grains.Length];
        for (var c = 0; c < grains.Length; c++)
        {
            var list = latencies[c] = new List<long>(1 << 16);
            var grain = grains[c];
            tasks[c] = Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var t = Stopwatch.GetTimestamp();
                    await grain.GetSummaryAsync();
                    list.Add(Stopwatch.GetTimestamp() - t);
                }
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-40} {all.Length / elapsed,9:N0} calls/s  p50 {Percentile(0.5),6:F3} ms  p99 {Percentile(0.99),6:F3} ms  ({all.Length:N0} calls)"));
    }

    internal static async Task<int> ReadSiloPortAsync(Process silo)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await silo.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (SiloListening().Match(line) is { Success: true } match)
            {
                // Keep draining the silo's output so it never blocks on a full pipe.
                _ = silo.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = silo.StandardError.ReadToEndAsync(CancellationToken.None);
                return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"The silo exited with {silo.ExitCode} before listening: {await silo.StandardError.ReadToEndAsync()}");
    }

    internal static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex(@"Silo listens on [^\s]+:(\d+)")]
    private static partial Regex SiloListening();
}
