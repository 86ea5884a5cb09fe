using System.Diagnostics;
using System.Globalization;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// The console mode: <c>--hot-position [--seconds N] [--callers N] [--stock N] [--latency-ms N] [--store memory|postgres]</c>. Runs the callers
/// for N seconds, times every call with a Stopwatch, and prints decisions/s, accepted/rejected, p50/p99/max and the
/// journal's appends (events per append shows group commit at work).
/// </summary>
internal static class HotPositionRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 10);
        var callers = Option(args, "--callers", 256);
        var stock = Option(args, "--stock", 100_000);
        var latencyMs = Option(args, "--latency-ms", 0);
        var index = Array.IndexOf(args, "--store");
        var store = index >= 0 && index + 1 < args.Length ? args[index + 1] : "memory";
        if (store is not ("memory" or "postgres"))
        {
            Console.Error.WriteLine($"--store must be memory or postgres, not '{store}'.");
            return 2;
        }

        await using var position = await HotPosition.StartAsync(stock, TimeSpan.FromMilliseconds(latencyMs), store == "postgres");

        // Warm-up outside the measurement: JIT, activation, first appends.
        for (var i = 0; i < 200; i++)
        {
            await position.ReserveOneAsync();
        }

        var before = position.Storage;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var latencies = new List<long>[callers];
        var accepted = new long[callers];
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            latencies[caller] = new List<long>(1 << 14);
            tasks[caller] = Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var start = Stopwatch.GetTimestamp();
                    var outcome = await position.ReserveOneAsync();
                    latencies[caller].Add(Stopwatch.GetTimestamp() - start);
                    if (outcome.IsAccepted)
                    {
                        accepted[caller]++;
                    }
                }
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = position.Storage;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var total = all.Length;
        var acceptedTotal = accepted.Sum();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => Ms(all[Math.Min(total - 1, (int)Math.Ceiling(p * total) - 1)]);
        var appends = after.Appends - before.Appends;
        var events = after.Events - before.Events;

        var details = await position.Grain.GetPositionAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            hot position: {callers} callers, {seconds} s, stock {stock} (+200 warm-up reservations), injected append latency {latencyMs} ms, {(store == "postgres" ? "PostgreSQL store (durable commits)" : "memory store")}
              decisions      {total:N0} in {elapsed.TotalSeconds:F2} s = {total / elapsed.TotalSeconds:N0} decisions/s
              accepted       {acceptedTotal:N0}, rejected {total - acceptedTotal:N0} (reserved now {details.Figures.Reserved:N0} of OnHand {details.Figures.OnHand:N0})
              latency        p50 {Percentile(0.50):F2} ms, p99 {Percentile(0.99):F2} ms, max {Ms(all[^1]):F2} ms
              journal        {appends:N0} appends, {events:N0} events, {(appends == 0 ? 0 : events / (double)appends):F1} events/append
              remembered     {details.RememberedRequests:N0} request outcomes (bounded)
            """));
        return 0;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
