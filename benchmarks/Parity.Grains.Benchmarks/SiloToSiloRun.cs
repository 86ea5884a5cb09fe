using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Parity.GrainInterfaces.Operations;
using Parity.Grains.Operations;
using Parity.Runtime.Hosting;
using Parity.TestInfrastructure;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// Console mode <c>--silo-to-silo [--seconds N] [--callers N]</c>: a throwaway PostgreSQL server and two silo processes
/// clustered through it. A <see cref="ICallLatencyProbeGrain"/> on silo A times calls to probe ledgers that live on
/// silo B (one awaited caller, then N concurrent callers), so the figure is silo → TCP → silo → back with no client in
/// the timed path; the same probe calling ledgers on its own silo gives the in-process reference side by side.
/// </summary>
internal static class SiloToSiloRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Math.Min(20, RemoteCallRun.Option(args, "--seconds", 10));
        var callers = RemoteCallRun.Option(args, "--callers", 64);
        await using var postgres = new PostgresServerFixture();
        await postgres.InitializeAsync();
        var connectionString = await postgres.CreateDatabaseAsync("silo_to_silo");
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var silos = new List<Process>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                silos.Add(StartSilo(connectionString, clusterId));
                await RemoteCallRun.ReadSiloPortAsync(silos[^1]);
            }

            var builder = new ClusterClientBuilder().AddGrainAssembly(typeof(ProbeLedgerGrain).Assembly).UsePostgresClustering(connectionString);
            builder.Options.ClusterId = clusterId;
            await using var client = await builder.ConnectAsync();
            var waited = Stopwatch.StartNew();
            while (client.View.ActiveSilos.Count < 2)
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(60))
                {
                    throw new InvalidOperationException("The two silos did not both become Active within 60 s.");
                }

                await Task.Delay(100);
            }

            var probe = client.GetGrain<ICallLatencyProbeGrain>("bench-probe");
            var probeSilo = await probe.GetSiloAsync();
            var remote = new List<string>();
            var local = new List<string>();
            for (var i = 0; remote.Count < callers || local.Count < 1; i++)
            {
                var key = "bench-" + i.ToString(CultureInfo.InvariantCulture);
                var summary = await client.GetGrain<IProbeLedgerGrain>(key).GetSummaryAsync();
                (summary.Silo == probeSilo ? local : remote).Add(key);
            }

            // Warm both paths (connections, activations, JIT) before anything is timed.
            await probe.MeasureAsync(remote.Take(callers).ToArray(), TimeSpan.FromSeconds(1));
            await probe.MeasureAsync([local[0]], TimeSpan.FromSeconds(1));

            Console.WriteLine($"silo to silo: probe on {probeSilo}, ledgers on the other silo, PostgreSQL membership, TCP on 127.0.0.1, {seconds} s per mode");
            Print("same silo, 1 caller (reference)", await probe.MeasureAsync([local[0]], TimeSpan.FromSeconds(seconds)));
            Print("other silo, 1 caller, each call awaited", await probe.MeasureAsync([remote[0]], TimeSpan.FromSeconds(seconds)));
            Print($"other silo, {callers} concurrent callers", await probe.MeasureAsync(remote.Take(callers).ToArray(), TimeSpan.FromSeconds(seconds)));
        }
        finally
        {
            foreach (var silo in silos)
            {
                silo.Kill(entireProcessTree: true);
                await silo.WaitForExitAsync();
            }
        }

        return 0;
    }

    private static void Print(string name, CallLatencyReport report) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-40} {report.CallsPerSecond,9:N0} calls/s  p50 {report.P50Milliseconds,6:F3} ms  p99 {report.P99Milliseconds,6:F3} ms  ({report.Calls:N0} calls, answered by {string.Join(", ", report.TargetSilos)})"));

    private static Process StartSilo(string connectionString, string clusterId)
    {
        var dll = typeof(SiloToSiloRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "SiloAssemblyPath").Value!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Silo__SiloPort"] = "0";
        start.Environment["Silo__ClusterId"] = clusterId;
        start.Environment["Parity__Storage__Provider"] = "Postgres";
        start.Environment["Parity__Storage__ConnectionString"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Parity.Transport.Tcp"] = "Information";
        return Process.Start(start)!;
    }
}
