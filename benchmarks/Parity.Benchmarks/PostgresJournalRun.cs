using System.Diagnostics;
using System.Globalization;
using Parity.Runtime.Storage.AdoNet;
using Parity.Runtime.Testing;
using Parity.TestInfrastructure;

namespace Parity.Benchmarks;

/// <summary>
/// Console mode <c>--postgres-journal [--seconds N] [--rounds N] [--callers N] [--grains N] [--spread-callers N]</c>:
/// journaled grains on a throwaway PostgreSQL server with durable commits (fsync and synchronous_commit on).
/// Two comparisons, each run side by side in alternating rounds so both sides see the same machine:
/// one hot grain with 64 callers, pipelined group commit vs one append per call; and appends of many grains
/// with the silo-wide coalescing writer vs one statement per append.
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

        await using var server = new DurableServer();
        await server.StartAsync();
        Console.WriteLine($"PostgreSQL {server.Version}: throwaway server, fsync={server.Setting("fsync")}, synchronous_commit={server.Setting("synchronous_commit")}, wal_sync_method={server.Setting("wal_sync_method")}");

        await HotGrainAsync(server, seconds, rounds, callers);
        await SpreadAsync(server, seconds, rounds, grains, spreadCallers);
        return 0;
    }

    private static async Task HotGrainAsync(DurableServer server, int seconds, int rounds, int callers)
    {
        await using var cluster = await StartClusterAsync(await server.CreateDatabaseAsync("hot", coalesce: true));
        var perCall = cluster.GrainFactory.GetGrain<IPerCallCounterGrain>("hot");
        var groupCommit = cluster.GrainFactory.GetGrain<IJournaledCounterGrain>("hot");
        await perCall.AddAsync(1);
        await groupCommit.AddAsync(1);

        Console.WriteLine();
        Console.WriteLine($"(b) one hot journaled grain, {callers} concurrent callers, {seconds} s per side, {rounds} rounds (coalescing writer on for both)");
        var perCallRuns = new List<Run>();
        var groupRuns = new List<Run>();
        for (var round = 1; round <= rounds; round++)
        {
            var a = await MeasureAsync(cluster, callers, seconds, _ => perCall.AddAsync(1));
            var b = await MeasureAsync(cluster, callers, seconds, _ => groupCommit.AddAsync(1));
            perCallRuns.Add(a);
            groupRuns.Add(b);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: one append per call {a.EventsPerSecond,9:N0} events/s (p50 {a.P50,7:F2} ms, p99 {a.P99,7:F2} ms, {a.EventsPerAppend:F1} events/append) | group commit {b.EventsPerSecond,9:N0} events/s (p50 {b.P50,7:F2} ms, p99 {b.P99,7:F2} ms, {b.EventsPerAppend:F1} events/append) | ratio {b.EventsPerSecond / a.EventsPerSecond:F1}x"));
        }

        Summarize("one append per call", perCallRuns, "pipelined group commit", groupRuns);
    }

    private static async Task SpreadAsync(DurableServer server, int seconds, int rounds, int grains, int callers)
    {
        await using var off = await StartClusterAsync(await server.CreateDatabaseAsync("spreadoff", coalesce: false));
        await using var on = await StartClusterAsync(await server.CreateDatabaseAsync("spreadon", coalesce: true));
        Console.WriteLine();
        Console.WriteLine($"(c) {grains:N0} grains spread, {callers} concurrent callers each adding to a random grain, {seconds} s per side, {rounds} rounds");
        foreach (var cluster in new[] { off, on })
        {
            // Activate every grain first: the measurement is of appends, not of activations.
            await Parallel.ForEachAsync(Enumerable.Range(0, grains), new ParallelOptions { MaxDegreeOfParallelism = 64 },
                async (i, _) => await cluster.GrainFactory.GetGrain<IJournaledCounterGrain>(Key(i)).AddAsync(1));
        }

        var offRuns = new List<Run>();
        var onRuns = new List<Run>();
        for (var round = 1; round <= rounds; round++)
        {
            var a = await MeasureAsync(off, callers, seconds, random => off.GrainFactory.GetGrain<IJournaledCounterGrain>(Key(random.Next(grains))).AddAsync(1));
            var b = await MeasureAsync(on, callers, seconds, random => on.GrainFactory.GetGrain<IJournaledCounterGrain>(Key(random.Next(grains))).AddAsync(1));
            offRuns.Add(a);
            onRuns.Add(b);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  round {round}: coalescing off {a.AppendsPerSecond,9:N0} appends/s (p50 {a.P50,7:F2} ms, p99 {a.P99,7:F2} ms) | coalescing on {b.AppendsPerSecond,9:N0} appends/s (p50 {b.P50,7:F2} ms, p99 {b.P99,7:F2} ms) | ratio {b.AppendsPerSecond / a.AppendsPerSecond:F1}x"));
        }

        Summarize("coalescing off", offRuns, "coalescing on", onRuns, appends: true);
    }

    private static string Key(int i) => "g" + i.ToString(CultureInfo.InvariantCulture);

    private static void Summarize(string baseName, List<Run> baseline, string name, List<Run> runs, bool appends = false)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }

        Func<Run, double> rate = appends ? static r => r.AppendsPerSecond : static r => r.EventsPerSecond;
        var unit = appends ? "appends/s" : "events/s";
        var b = Median(baseline.Select(rate));
        var m = Median(runs.Select(rate));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  median: {baseName} {b:N0} {unit} (p50 {Median(baseline.Select(r => r.P50)):F2} ms, p99 {Median(baseline.Select(r => r.P99)):F2} ms) | {name} {m:N0} {unit} (p50 {Median(runs.Select(r => r.P50)):F2} ms, p99 {Median(runs.Select(r => r.P99)):F2} ms) | ratio of medians {m / b:F1}x"));
    }

    private static async Task<TestCluster> StartClusterAsync(AdoNetJournalStorage journal) =>
        await TestCluster.StartAsync(1, o =>
        {
            o.JournalStorage = journal;
            o.GrainAssemblies.Add(typeof(EchoGrain).Assembly);
            o.ConfigureOptions = s =>
            {
                s.JournalSnapshotInterval = 1_000_000;
                s.MailboxBound = 100_000;
            };
        });

    private static async Task<Run> MeasureAsync(TestCluster cluster, int callers, int seconds, Func<Random, Task<long>> call)
    {
        var appendsBefore = cluster.Storage.AppendCalls;
        var eventsBefore = cluster.Storage.AppendedEvents;
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
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double Percentile(double p) => Ms(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)]);
        var appends = cluster.Storage.AppendCalls - appendsBefore;
        var events = cluster.Storage.AppendedEvents - eventsBefore;

        // Every call raised one event and was answered only once it was durable: confirmed events = calls.
        return new Run(all.Length / elapsed, appends / elapsed, appends == 0 ? 0 : events / (double)appends, Percentile(0.50), Percentile(0.99));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private readonly record struct Run(double EventsPerSecond, double AppendsPerSecond, double EventsPerAppend, double P50, double P99);

    /// <summary>A durable throwaway server and the databases and journals opened on it.</summary>
    private sealed class DurableServer : IAsyncDisposable
    {
        private readonly PostgresServerFixture _fixture = new() { Durable = true };
        private readonly List<IAsyncDisposable> _opened = [];
        private readonly Dictionary<string, string> _settings = [];

        public string Version => Setting("server_version");

        public string Setting(string name) => _settings.TryGetValue(name, out var value) ? value : "?";

        public async Task StartAsync()
        {
            await _fixture.InitializeAsync();
            await using var connection = new Npgsql.NpgsqlConnection(_fixture.AdminConnectionString);
            await connection.OpenAsync();
            foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "wal_sync_method" })
            {
                await using var command = new Npgsql.NpgsqlCommand($"SHOW {name}", connection);
                _settings[name] = (string)(await command.ExecuteScalarAsync())!;
            }
        }

        public async Task<AdoNetJournalStorage> CreateDatabaseAsync(string name, bool coalesce)
        {
            // Two databases are open at once; the server admits 200 connections.
            var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(await _fixture.CreateDatabaseAsync(name)) { MaxPoolSize = 64 }.ConnectionString;
            var options = AdoNetStorageOptions.ForPostgreSql(connectionString);
            options.CoalesceAppends = coalesce;
            var database = await AdoNetDatabase.OpenAsync(options);
            var journal = new AdoNetJournalStorage(database);
            _opened.Add(database);
            _opened.Add(journal);
            return journal;
        }

        public async ValueTask DisposeAsync()
        {
            // Journals first (they flush into their database), then databases, then the server.
            for (var i = _opened.Count - 1; i >= 0; i--)
            {
                await _opened[i].DisposeAsync();
            }

            await _fixture.DisposeAsync();
        }
    }
}
