using System.Diagnostics;
using System.Net;
using Parity.LoadTest.Baseline;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Reporting;
using Parity.LoadTest.Scenarios;
using Parity.LoadTest.Scheduling;
using Parity.TestInfrastructure;

namespace Parity.LoadTest.Cli;

/// <summary>
/// One invocation: brings up the target (an in-process silo with the co-hosted gateway, or a running gateway), sets up
/// the flash sale through the API, drives it open-loop, checks the invariants, then — when asked — drives the same
/// request mix at the same rates against the sql-row-lock baseline and the ceiling on the same HTTP stack, one after
/// the other.
/// </summary>
internal sealed partial class LoadTestRunner(LoadTestSettings settings, IRunObserver observer, TimeProvider time)
{
    private const string CeilingNote = "not applicable: the ceiling endpoint keeps no state";
    private const string BaselinePolicyNote = "the sql-row-lock design does not enforce tiers, SafetyStock or caps: its safety-stock and cap figures count what its acknowledgements hold against the same policy";

    /// <summary>Runs everything and returns the report (not yet written).</summary>
    public async Task<LoadTestReport> RunAsync(CancellationToken cancellationToken)
    {
        if (settings.Scenario is OmnichannelDay.Name or PosBurst.Name)
        {
            return await RunMixedAsync(cancellationToken).ConfigureAwait(false);
        }

        if (settings.Scenario != FlashSaleScenario.Name)
        {
            throw new NotSupportedException($"Unknown scenario '{settings.Scenario}'.");
        }

        if (settings.Gateway is not null && (settings.Baseline || settings.Ceiling))
        {
            throw new NotSupportedException("--baseline and --ceiling need --target inproc: their endpoints live in the load test's own host.");
        }

        var startedAt = time.GetUtcNow();
        var machine = MachineInfo.Current();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var scenario = new FlashSaleScenario(settings.Sale, runId);
        await using var resources = new Resources();

        Uri baseAddress;
        ScenarioKeys keys;
        InProcessHost? host = null;
        if (settings.Gateway is { } gateway)
        {
            baseAddress = gateway;
            keys = ScenarioKeys.AdminOnly(settings.ApiKey ?? throw new ArgumentException("--api-key (an admin key) is required with a gateway URL."));
        }
        else
        {
            string? postgres = null;
            string? baselineDatabase = null;
            if (settings.Store == StoreKind.Postgres || settings.Baseline)
            {
                (postgres, baselineDatabase) = await PostgresAsync(resources, cancellationToken).ConfigureAwait(false);
            }

            string? sqlite = null;
            if (settings.Store == StoreKind.Sqlite)
            {
                sqlite = Path.Combine(Path.GetTempPath(), "parity-loadtest-" + runId);
                resources.Directory = sqlite;
            }

            observer.Status($"Starting an in-process silo ({settings.Store.ToString().ToLowerInvariant()} store) with the gateway on loopback");
            host = await InProcessHost.StartAsync(new InProcessHostOptions(settings.Store, scenario.Channels.Select(c => c.Id).ToList(),
                PostgresConnectionString: settings.Store == StoreKind.Postgres ? postgres : null, SqliteDirectory: sqlite,
                BaselineConnectionString: settings.Baseline ? baselineDatabase : null, OrleansDashboard: settings.OrleansDashboard), cancellationToken).ConfigureAwait(false);
            resources.Host = host;
            baseAddress = host.BaseAddress;
            keys = ScenarioKeys.InProcess;
        }

        using var http = CreateClient(baseAddress);
        var setup = new FlashSaleSetup(http, scenario, keys.Admin);
        observer.Status($"Setting up the flash sale: {scenario.Positions.Count} position(s), {scenario.Channels.Count} channels, {settings.Sale.Stock:N0} units each, SafetyStock {settings.Sale.EffectiveSafetyStock:N0}");
        await setup.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var warmPosition = ($"FS-{runId}-WARM", scenario.Positions[0].Location);
        await setup.PrepareWarmUpAsync($"{warmPosition.Item1}@{warmPosition.Item2}", 1_000_000, cancellationToken).ConfigureAwait(false);

        var store = settings.Gateway is null ? settings.Store.ToString().ToLowerInvariant() : "remote";
        var parity = await MeasureAsync("parity", http, "/v1/inventory/reservations", scenario, keys, warmPosition, host, cancellationToken).ConfigureAwait(false);
        if (host?.OrleansDashboardReads is { } reads)
        {
            observer.Status($"Orleans Dashboard read {reads} times during the run (its counters, cluster figures and top grain methods, once a second)");
        }

        observer.Status("Checking invariants: reading every position and its journal");
        var observations = await setup.ObserveAsync(
            async position => host is null ? null : await host.JournaledReservationIdsAsync(position, cancellationToken).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        var parityResult = RunResult.From(FlashSaleScenario.Name, "parity", settings.TargetName, store, settings.PeakRate,
            parity.Samples, WithErrors(InvariantChecker.Check(observations, parity.Driver.Acknowledgements.ToList()), parity.Driver), parity.Server);

        RunResult? baselineResult = null;
        if (settings.Baseline)
        {
            var baseline = host!.Baseline!;
            await baseline.SeedAsync([.. scenario.Positions, warmPosition], settings.Sale.Stock, cancellationToken).ConfigureAwait(false);
            var run = await MeasureAsync("sql-row-lock", http, BaselineEndpoints.BaselinePath, scenario, keys, warmPosition, host, cancellationToken).ConfigureAwait(false);
            observer.Status("Checking the baseline's rows");
            baselineResult = RunResult.From(FlashSaleScenario.Name, "sql-row-lock", settings.TargetName, "postgres", settings.PeakRate,
                run.Samples, WithErrors(await CheckBaselineAsync(baseline, scenario, run.Driver.Acknowledgements.ToList(), cancellationToken).ConfigureAwait(false), run.Driver), run.Server);
        }

        RunResult? ceilingResult = null;
        if (settings.Ceiling)
        {
            var run = await MeasureAsync("ceiling", http, BaselineEndpoints.CeilingPath, scenario, keys, warmPosition, host, cancellationToken).ConfigureAwait(false);
            ceilingResult = RunResult.From(FlashSaleScenario.Name, "ceiling", settings.TargetName, "none", settings.PeakRate,
                run.Samples, WithErrors(new InvariantResult(0, 0, 0, 0, 0, [CeilingNote], []), run.Driver), run.Server);
        }

        return LoadTestReport.Create(parityResult, baselineResult, ceilingResult, settings.CommandLine, machine, startedAt);
    }

    /// <summary>The baseline's invariants: its rows against what it acknowledged.</summary>
    internal static async Task<InvariantResult> CheckBaselineAsync(SqlRowLockStore store, FlashSaleScenario scenario, IReadOnlyList<Acknowledgement> acknowledgements, CancellationToken cancellationToken)
    {
        var observations = new List<PositionObservation>();
        long oversold = 0, lost = 0;
        var details = new List<string>();
        foreach (var (sku, location) in scenario.Positions)
        {
            var position = $"{sku}@{location}";
            var available = await store.AvailableAsync(sku, location, cancellationToken).ConfigureAwait(false) ?? 0;
            var acked = acknowledgements.Where(a => a.Position == position).ToList();
            var ackedUnits = acked.Sum(a => (long)a.Quantity);
            var taken = (long)scenario.Options.Stock - available;
            oversold += Math.Max(0, -available) + Math.Max(0, ackedUnits - scenario.Options.Stock);
            if (ackedUnits > taken)
            {
                // Acknowledged units the row does not account for: a 2xx for a reservation that is not there.
                lost += ackedUnits - taken;
                details.Add($"{position}: {ackedUnits - taken} acknowledged unit(s) missing from the row (available {available})");
            }

            // The same policy judged against what the baseline acknowledged.
            observations.Add(new PositionObservation(position, scenario.Options.Stock, (int)ackedUnits, 0, null,
                scenario.Options.EffectiveSafetyStock, 0, scenario.Limits,
                acked.Select(a => new ObservedReservation(a.ReservationId, a.ChannelId, a.Quantity)).ToList(), null));
        }

        var policy = InvariantChecker.Check(observations, []);
        return new InvariantResult(oversold, policy.SafetyStockBreaches, policy.CapBreaches, lost, 0,
            [InvariantChecker.NoPostingsNote, BaselinePolicyNote], [.. details, .. policy.Details]);
    }

    // Every request ends within this (as an error if it must), so the drain after the schedule records every one.
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private sealed record Measured(RequestSample[] Samples, ReservationDriver Driver, ServerProfile? Server);

    private async Task<Measured> MeasureAsync(string label, HttpClient http, string path, FlashSaleScenario scenario, ScenarioKeys keys,
        (string Sku, string Location) warmPosition, InProcessHost? host, CancellationToken cancellationToken)
    {
        if (settings.WarmUpRequests > 0)
        {
            observer.Status($"{label}: warming up ({settings.WarmUpRequests} requests to a separate position, not counted)");
            var warmScenario = new FlashSaleScenario(scenario.Options, scenario.RunId, [warmPosition]);
            var warm = new ReservationDriver(http, path, warmScenario, keys, requestPrefix: "warm-" + label + "-");
            await Parallel.ForAsync(0, settings.WarmUpRequests, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
                async (i, ct) => await warm.SendAsync(i, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }

        var driver = new ReservationDriver(http, path, scenario, keys, requestPrefix: label == "parity" ? "" : label + "-");
        var recorder = new RunRecorder();
        var plan = new OpenLoopPlan(new ArrivalSchedule(Math.Min(settings.StartRate, settings.PeakRate), settings.PeakRate, settings.Ramp),
            settings.Duration, settings.MaxRequests, settings.MaxInFlight, RequestTimeout + TimeSpan.FromSeconds(10));
        host?.Timings.Reset();
        host?.Meters.ResetGrainCalls();
        var journalBefore = host?.Meters.ReadJournal();
        var meter = CostMeter.Start();
        var run = new OpenLoopRunner(time).RunAsync(plan, driver, recorder, cancellationToken);
        await observer.WatchAsync(label, recorder, settings.PeakRate, settings.Duration, run).ConfigureAwait(false);
        await run.ConfigureAwait(false);
        var samples = recorder.Snapshot();
        var usage = meter.Stop(samples);
        return new Measured(samples, driver, host is null ? null : Profile(host, journalBefore!, usage, withSilo: label == "parity"));
    }

    private readonly record struct CpuUsage(double Percent, double MsPerRequest, double AllocatedKbPerRequest, GcFigures Gc);

    // What the process spent during a run: CPU, managed allocation and garbage collection.
    private sealed class CostMeter
    {
        private readonly TimeSpan _cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly long _allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        private readonly GcFigures _gcBefore = GcFigures.Now();
        private readonly Stopwatch _wall = Stopwatch.StartNew();

        public static CostMeter Start() => new();

        public CpuUsage Stop(RequestSample[] samples)
        {
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - _cpuBefore).TotalSeconds;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocatedBefore;
            var gc = GcFigures.Now().Since(_gcBefore, _wall.Elapsed);

            // Allocation per request actually sent: unlike CPU time it does not depend on the share of the machine the
            // process got, so it compares builds on a busy machine.
            var sent = samples.Count(s => s.Outcome != RequestOutcome.NotSent);
            return new CpuUsage(cpuSeconds / _wall.Elapsed.TotalSeconds * 100, samples.Length == 0 ? 0 : cpuSeconds * 1000 / samples.Length,
                sent == 0 ? 0 : allocated / 1024.0 / sent, gc);
        }
    }

    // The silo's figures are this run's: grain calls from Orleans' latency histogram, appends and events from the journal's
    // counters (none from the memory journal, which publishes none).
    private static ServerProfile Profile(InProcessHost host, JournalCounters before, CpuUsage cpu, bool withSilo)
    {
        if (!withSilo)
        {
            return new ServerProfile(host.Timings.Summarise(), null, null, null, Math.Round(cpu.Percent, 1), Math.Round(cpu.MsPerRequest, 3), Math.Round(cpu.AllocatedKbPerRequest, 2), cpu.Gc);
        }

        var journal = host.Meters.ReadJournal().Since(before);
        long? appends = journal.Published ? journal.Appends : null;
        double? eventsPerAppend = journal.Published ? (journal.Appends == 0 ? 0 : Math.Round((double)journal.Events / journal.Appends, 1)) : null;
        return new ServerProfile(host.Timings.Summarise(), host.Meters.GrainCalls(), appends, eventsPerAppend,
            Math.Round(cpu.Percent, 1), Math.Round(cpu.MsPerRequest, 3), Math.Round(cpu.AllocatedKbPerRequest, 2), cpu.Gc);
    }

    private static InvariantResult WithErrors(InvariantResult result, ReservationDriver driver) =>
        driver.ErrorsByStatus.IsEmpty
            ? result
            : result with { Notes = [.. result.Notes, "errors by status (0 = transport failure): " + string.Join(", ", driver.ErrorsByStatus.OrderBy(e => e.Key).Select(e => $"{e.Key}: {e.Value}"))] };

    private async Task<(string Store, string Baseline)> PostgresAsync(Resources resources, CancellationToken cancellationToken)
    {
        if (settings.PostgresConnectionString is { Length: > 0 } given)
        {
            // A given server: the silo's schema and the baseline's table live side by side in its database.
            return (given, given);
        }

        observer.Status("Starting a throwaway PostgreSQL server from the machine's binaries (durable: fsync and synchronous commit on)");
        var server = new PostgresServerFixture { Durable = true };
        resources.Postgres = server;
        await server.InitializeAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        return (await server.CreateDatabaseAsync("loadtest").ConfigureAwait(false), await server.CreateDatabaseAsync("baseline").ConfigureAwait(false));
    }

    // --connections caps the client's connections; by default one per request in flight (at least 16).
    private HttpClient CreateClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = settings.Connections > 0 ? settings.Connections : Math.Max(16, settings.MaxInFlight),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    })
    {
        BaseAddress = baseAddress,
        Timeout = RequestTimeout,
    };

    /// <summary>What the invocation started, stopped in reverse order.</summary>
    private sealed class Resources : IAsyncDisposable
    {
        public InProcessHost? Host { get; set; }

        public PostgresServerFixture? Postgres { get; set; }

        public string? Directory { get; set; }

        public Microsoft.AspNetCore.Builder.WebApplication? Erp { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Host is not null)
            {
                await Host.DisposeAsync().ConfigureAwait(false);
            }

            // After the silo: it may still be posting while it stops.
            if (Erp is not null)
            {
                await Erp.DisposeAsync().ConfigureAwait(false);
            }

            if (Postgres is not null)
            {
                await Postgres.DisposeAsync().ConfigureAwait(false);
            }

            if (Directory is not null && System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }
}
