using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Parity.Providers.Journal;
using Parity.Providers.Schema;
using Parity.TestInfrastructure;

namespace Parity.Providers.Benchmarks;

/// <summary>
/// Console mode <c>--postgres-journal [--seconds N] [--rounds N] [--callers N] [--grains N] [--spread-callers N]</c>:
/// Orleans journaled grains on Parity's PostgreSQL journal, on a throwaway server with durable commits (fsync and
/// synchronous_commit on), tables created by Parity's migration. Two comparisons, each alternating its two sides
/// round by round so both see the same machine: one hot grain with 64 callers, group commit vs one append per call;
/// and appends of many grains with the silo-wide coalescing writer on vs off. The same shape as the old runtime's
/// <c>Parity.Benchmarks --postgres-journal</c>.
/// </summary>
internal static class PostgresJournalRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 5);
        var rounds = Option(args, "--rounds", 3);
        var callers = Option(args, "--callers", 64);
        var grains = Option(args, "--grains", 10_000);
        var spreadCallers = Option(args, "--spread-callers", 256);

        var server = new PostgresServerFixture { Durable = true };
        await server.InitializeAsync();
        try
        {
            Console.WriteLine($"PostgreSQL {await ShowAsync(server, "server_version")}: throwaway server, fsync={await ShowAsync(server, "fsync")}, synchronous_commit={await ShowAsync(server, "synchronous_commit")}, wal_sync_method={await ShowAsync(server, "wal_sync_method")}");
            await HotGrainAsync(server, seconds, rounds, callers);
            await SpreadAsync(server, seconds, rounds, grains, spreadCallers);
        }
        finally
        {
            await server.DisposeAsync();
        }

        return 0;
    }

    private static async Task HotGrainAsync(PostgresServerFixture server, int seconds, int rounds, int callers)
    {
        await using var silo = await StartSiloAsync(server, "hot", coalesce: true);
        var perCall = silo.GrainFactory.GetGrain<IPerCallCounterGrain>("hot");
        var groupCommit = silo.GrainFactory.GetGrain<IGroupCommitCounterGrain>("hot");
        await perCall.AddAsync(1);
        await groupCommit.AddAsync(1);

        Console.WriteLine();
        Console.WriteLine($"(b) one hot journaled grain, {callers} concurrent callers, {seconds} s per side, {rounds} rounds (coalescing writer on for both)");
        var perCallRuns = new List<Run>();
        var groupRuns = new List<Run>();
        for (var round = 1; round <= rounds; round++)
        {
            var a = await MeasureAsync(silo, callers, seconds, _ => perCall.AddAsync(1));
            var b = await MeasureAsync(silo, callers, seconds, _ => groupCommit.AddAsync(1));
            perCallRuns.Add(a);
            groupRuns.Add(b);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: one append per call {a.EventsPerSecond,9:N0} events/s (p50 {a.P50,7:F2} ms, p99 {a.P99,7:F2} ms, {a.EventsPerAppend:F1} events/append) | group commit {b.EventsPerSecond,9:N0} events/s (p50 {b.P50,7:F2} ms, p99 {b.P99,7:F2} ms, {b.EventsPerAppend:F1} events/append) | ratio {b.EventsPerSecond / a.EventsPerSecond:F1}x"));
        }

        Summarize("one append per call", perCallRuns, "group commit", groupRuns, appends: false);
    }

    private static async Task SpreadAsync(PostgresServerFixture server, int seconds, int rounds, int grains, int callers)
    {
        await using var off = await StartSiloAsync(server, "spreadoff", coalesce: false);
        await using var on = await StartSiloAsync(server, "spreadon", coalesce: true);
        Console.WriteLine();
        Console.WriteLine($"(c) {grains:N0} grains spread, {callers} concurrent callers each adding to a random grain, {seconds} s per side, {rounds} rounds");
        foreach (var silo in new[] { off, on })
        {
            // Activate every grain first: the measurement is of appends, not of activations.
            await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = 64 },
                async (i, _) => await silo.GrainFactory.GetGrain<IGroupCommitCounterGrain>(Key(i)).AddAsync(1));
        }

        var offRuns = new List<Run>();
        var onRuns = new List<Run>();
        for (var round = 1; round <= rounds; round++)
        {
            var a = await MeasureAsync(off, callers, seconds, random => off.GrainFactory.GetGrain<IGroupCommitCounterGrain>(Key(random.Next(grains))).AddAsync(1));
            var b = await MeasureAsync(on, callers, seconds, random => on.GrainFactory.GetGrain<IGroupCommitCounterGrain>(Key(random.Next(grains))).AddAsync(1));
            offRuns.Add(a);
            onRuns.Add(b);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: coalescing off {a.AppendsPerSecond,9:N0} appends/s (p50 {a.P50,7:F2} ms, p99 {a.P99,7:F2} ms) | coalescing on {b.AppendsPerSecond,9:N0} appends/s (p50 {b.P50,7:F2} ms, p99 {b.P99,7:F2} ms) | ratio {b.AppendsPerSecond / a.AppendsPerSecond:F1}x"));
        }

        Summarize("coalescing off", offRuns, "coalescing on", onRuns, appends: true);
    }

    private static async Task<BenchmarkSilo> StartSiloAsync(PostgresServerFixture server, string name, bool coalesce)
    {
        // Two silos are open at once in the spread comparison; the server admits 200 connections.
        var connectionString = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync(name)) { MaxPoolSize = 64 }.ConnectionString;
        await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);
        return await BenchmarkSilo.StartAsync(options =>
        {
            options.Storage = ParityJournalStorage.PostgreSql;
            options.ConnectionString = connectionString;
            options.CoalesceAppends = coalesce;
        });
    }

    private static async Task<Run> MeasureAsync(BenchmarkSilo silo, int callers, int seconds, Func<Random, Task<long>> call)
    {
        var appendsBefore = silo.Journal.Appends;
        var eventsBefore = silo.Journal.AppendedEvents;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var latencies = new List<long>[callers];
        var started = Stopwatch.GetTimestamp();
        var tasks = new Task[callers];
        for (var c = 0; c < callers; c++)
        {
            var list = latencies[c] = new List<long>(4096);
            var random = new Random(c);
            tasks[c] = Task.Run(async () =>
            {
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    var start = Stopwatch.GetTimestamp();
                    await call(random);
                    list.Add(Stopwatch.GetTimestamp() - start);
                }
            });
        }

        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = latencies.SelectMany(static l => l).Order().ToArray();
        var appends = silo.Journal.Appends - appendsBefore;
        var events = silo.Journal.AppendedEvents - eventsBefore;

        // Every call raised one event and was answered only once it was durable: confirmed events = calls.
        return new Run(all.Length / elapsed, appends / elapsed, appends == 0 ? 0 : events / (double)appends, Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static double Percentile(long[] sorted, double p)
        => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;

    private static void Summarize(string baseName, List<Run> baseline, string name, List<Run> runs, bool appends)
    {
        Func<Run, double> rate = appends ? static r => r.AppendsPerSecond : static r => r.EventsPerSecond;
        var unit = appends ? "appends/s" : "events/s";
        var b = Median(baseline.Select(rate));
        var m = Median(runs.Select(rate));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  median: {baseName} {b:N0} {unit} (p50 {Median(baseline.Select(static r => r.P50)):F2} ms, p99 {Median(baseline.Select(static r => r.P99)):F2} ms, {Median(baseline.Select(static r => r.EventsPerAppend)):F1} events/append) | {name} {m:N0} {unit} (p50 {Median(runs.Select(static r => r.P50)):F2} ms, p99 {Median(runs.Select(static r => r.P99)):F2} ms, {Median(runs.Select(static r => r.EventsPerAppend)):F1} events/append) | ratio of medians {m / b:F1}x"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static async Task<string> ShowAsync(PostgresServerFixture server, string setting)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string Key(int i) => "g" + i.ToString(CultureInfo.InvariantCulture);

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private readonly record struct Run(double EventsPerSecond, double AppendsPerSecond, double EventsPerAppend, double P50, double P99);
}
