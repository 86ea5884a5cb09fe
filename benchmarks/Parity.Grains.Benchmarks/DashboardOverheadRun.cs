using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// Console mode <c>--dashboard-overhead [--seconds N] [--callers N] [--rate N] [--rounds N]</c>: the dashboard's cost on the
/// silo that hosts it. Starts the silo from its build output (Development, memory storage), drives a flash sale over
/// HTTP (one-unit reservations on one hot position through the gateway API, <c>--rate</c> requests/s or as fast as
/// <c>--callers</c> allow when 0), and measures the silo process's CPU time and the throughput in alternating phases:
/// dashboard closed, one browser open (polling the overview and hot grains once a second, as the page does), five
/// browsers open. A second silo with statistics publishing turned off gives the baseline of the collection itself.
/// </summary>
internal static partial class DashboardOverheadRun
{

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var callers = Option(args, "--callers", 32);
        var rate = Option(args, "--rate", 0);
        var rounds = Option(args, "--rounds", 3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dashboard overhead: silo process (Development, memory storage), {callers} HTTP callers reserving 1 unit of one hot position (a fresh one per phase, so every phase starts from the same state), "
            + $"{(rate > 0 ? rate.ToString(CultureInfo.InvariantCulture) + " requests/s" : "as fast as they can")}, {seconds} s per phase, {rounds} rounds, {Environment.ProcessorCount} cores"));

        var results = new List<(string Mode, Phase Phase)>();
        await using (var silo = await SiloProcess.StartAsync(publish: false))
        {
            await silo.RunPhaseAsync(callers, rate, seconds, browsers: 0); // warm-up (JIT tiering), not counted
            for (var round = 0; round < rounds; round++)
            {
                results.Add(("statistics publishing off", await silo.RunPhaseAsync(callers, rate, seconds, browsers: 0)));
            }
        }

        await using (var silo = await SiloProcess.StartAsync(publish: true))
        {
            await silo.RunPhaseAsync(callers, rate, seconds, browsers: 0); // warm-up, not counted
            for (var round = 0; round < rounds; round++)
            {
                // Alternating, so drift in the machine's load (other builds) spreads over every mode alike.
                results.Add(("publishing on, dashboard closed", await silo.RunPhaseAsync(callers, rate, seconds, browsers: 0)));
                results.Add(("dashboard open, 1 browser", await silo.RunPhaseAsync(callers, rate, seconds, browsers: 1)));
                results.Add(("dashboard open, 5 browsers", await silo.RunPhaseAsync(callers, rate, seconds, browsers: 5)));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| mode | silo CPU % (of one core) | requests/s | silo CPU ms per 1,000 requests | p99 ms | dashboard requests |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var group in results.GroupBy(r => r.Mode))
        {
            var phases = group.Select(g => g.Phase).ToList();
            var cpu = phases.Average(p => p.CpuPercent);
            var throughput = phases.Average(p => p.RequestsPerSecond);
            var perThousand = phases.Sum(p => p.CpuSeconds) * 1000 * 1000 / phases.Sum(p => p.Requests);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key} | {cpu:F1} | {throughput:N0} | {perThousand:F1} | {phases.Average(p => p.P99Ms):F1} | {phases.Sum(p => p.DashboardRequests)} |"));
        }

        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Phase(double CpuSeconds, double CpuPercent, long Requests, double RequestsPerSecond, double P99Ms, long DashboardRequests);

    private sealed partial class SiloProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly HttpClient _http;
        private long _requestIds;
        private int _phases;

        private SiloProcess(Process process, Uri baseAddress)
        {
            _process = process;
            _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress };
        }

        public static async Task<SiloProcess> StartAsync(bool publish)
        {
            var dll = typeof(DashboardOverheadRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "SiloAssemblyPath").Value!;
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(dll);
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["Urls"] = "http://127.0.0.1:0";
            start.Environment["Silo__SiloPort"] = "0";
            start.Environment["Parity__Storage__Provider"] = "Memory";
            start.Environment["Parity__Dashboard__PublishPeriod"] = publish ? "00:00:01" : "00:00:00";
            // A flash sale must not be throttled by the channel's rate limit: this measures the silo, not the limiter.
            start.Environment["Gateway__RateLimits__Default__TokenLimit"] = "100000000";
            start.Environment["Gateway__RateLimits__Default__TokensPerPeriod"] = "100000000";
            start.Environment["Gateway__RateLimits__Unauthenticated__TokenLimit"] = "100000";
            start.Environment["Gateway__RateLimits__Unauthenticated__TokensPerPeriod"] = "100000";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["Logging__LogLevel__Parity.Silo"] = "Information";
            var process = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (HttpListening().Match(line) is { Success: true } match)
                {
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    Console.WriteLine($"  silo pid {process.Id} on {match.Groups[1].Value}, statistics publishing {(publish ? "every second" : "off")}");
                    return new SiloProcess(process, new Uri(match.Groups[1].Value));
                }
            }

            throw new InvalidOperationException($"The silo exited before serving HTTP: {await process.StandardError.ReadToEndAsync()}");
        }

        private async Task StockAsync(string sku)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/inventory/positions/{sku}@DC-1/receipts")
            {
                Content = JsonContent.Create(new { eventId = "stock-" + Guid.NewGuid().ToString("N"), quantity = 100_000_000 }),
            };
            request.Headers.Add("X-Api-Key", "parity-dev-warehouse");
            using var response = await _http.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        public async Task<Phase> RunPhaseAsync(int callers, int rate, int seconds, int browsers)
        {
            var sku = "SKU-FLASH-" + Interlocked.Increment(ref _phases).ToString(CultureInfo.InvariantCulture);
            await StockAsync(sku);
            using var stop = new CancellationTokenSource();
            var dashboardRequests = 0L;
            var pollers = Enumerable.Range(0, browsers).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var next = Task.Delay(1000, CancellationToken.None);
                    foreach (var path in new[] { "/dashboard/api/overview", "/dashboard/api/hot-grains?top=20" })
                    {
                        using var response = await _http.GetAsync(path, CancellationToken.None);
                        response.EnsureSuccessStatusCode();
                        await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                        Interlocked.Increment(ref dashboardRequests);
                    }

                    await next;
                }
            })).ToList();

            _process.Refresh();
            var cpuBefore = _process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            var deadline = started + (long)(seconds * (double)Stopwatch.Frequency);
            var issued = 0L;
            var latencies = new List<long>[callers];
            var tasks = new Task[callers];
            for (var c = 0; c < callers; c++)
            {
                var list = latencies[c] = new List<long>(1 << 14);
                tasks[c] = Task.Run(async () =>
                {
                    while (true)
                    {
                        var n = Interlocked.Increment(ref issued);
                        if (rate > 0)
                        {
                            var due = started + (long)(n * (double)Stopwatch.Frequency / rate);
                            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                            if (wait > TimeSpan.Zero)
                            {
                                await Task.Delay(wait);
                            }
                        }

                        if (Stopwatch.GetTimestamp() >= deadline)
                        {
                            return;
                        }

                        var t = Stopwatch.GetTimestamp();
                        await ReserveAsync(sku);
                        list.Add(Stopwatch.GetTimestamp() - t);
                    }
                });
            }

            await Task.WhenAll(tasks);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            _process.Refresh();
            var cpu = (_process.TotalProcessorTime - cpuBefore).TotalSeconds;
            await stop.CancelAsync();
            await Task.WhenAll(pollers);
            var all = latencies.SelectMany(l => l).Order().ToArray();
            var p99 = all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(0.99 * all.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
            var phase = new Phase(cpu, 100 * cpu / elapsed, all.Length, all.Length / elapsed, p99, dashboardRequests);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {browsers} browser(s): silo CPU {phase.CpuPercent,6:F1} %  {phase.RequestsPerSecond,8:N0} requests/s  p99 {p99,7:F1} ms  ({dashboardRequests} dashboard requests)"));
            return phase;
        }

        private async Task ReserveAsync(string sku)
        {
            var id = Interlocked.Increment(ref _requestIds).ToString(CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/inventory/reservations")
            {
                Content = JsonContent.Create(new
                {
                    requestId = "flash-" + id,
                    orderRef = "web:" + id,
                    kind = "Cart",
                    lines = new[] { new { sku, locationId = "DC-1", quantity = 1 } },
                }),
            };
            request.Headers.Add("X-Api-Key", "parity-dev-web");
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Reservation answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        [GeneratedRegex(@"HTTP on (http://[^\s,]+)")]
        private static partial Regex HttpListening();
    }
}
