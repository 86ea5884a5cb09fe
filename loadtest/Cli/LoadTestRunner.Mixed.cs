using Microsoft.Extensions.DependencyInjection;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Reporting;
using Parity.LoadTest.Scenarios;
using Parity.LoadTest.Scheduling;

namespace Parity.LoadTest.Cli;

/// <summary>The mixed scenarios (omnichannel-day, pos-burst): no baseline or ceiling. In process each request carries its
/// channel's or store's key and the sandbox ERP counts the postings; against a gateway URL every request carries the
/// given admin key.</summary>
internal sealed partial class LoadTestRunner
{
    /// <summary>Why duplicate postings read 0 in omnichannel-day against a gateway URL: they are not counted (pos-burst has its own, <see cref="PosBurst.PostingsNotMeasured"/>).</summary>
    internal const string PostingsNotMeasured = "duplicatePostings: not measured: against a gateway URL the tool cannot see the ERP the silos post to, so duplicate journals are not counted (the 0 is not a measurement)";

    private async Task<LoadTestReport> RunMixedAsync(CancellationToken cancellationToken)
    {
        if (settings.Baseline || settings.Ceiling)
        {
            throw new NotSupportedException("--baseline and --ceiling are defined for flash-sale only.");
        }

        var startedAt = time.GetUtcNow();
        var machine = MachineInfo.Current();
        var runId = Guid.NewGuid().ToString("N")[..8];
        await using var resources = new Resources();
        Uri baseAddress;
        ScenarioKeys keys;
        InProcessHost? host = null;
        var omnichannel = settings.Scenario == OmnichannelDay.Name;
        if (settings.Gateway is { } gateway)
        {
            baseAddress = gateway;
            keys = ScenarioKeys.AdminOnly(settings.ApiKey ?? throw new ArgumentException("--api-key (an admin key) is required with a gateway URL."));
        }
        else
        {
            string? postgres = null;
            if (settings.Store == StoreKind.Postgres)
            {
                (postgres, _) = await PostgresAsync(resources, cancellationToken).ConfigureAwait(false);
            }

            string? sqlite = null;
            if (settings.Store == StoreKind.Sqlite)
            {
                sqlite = Path.Combine(Path.GetTempPath(), "parity-loadtest-" + runId);
                resources.Directory = sqlite;
            }

            observer.Status("Starting the sandbox ERP on loopback (journals are counted there for duplicate postings)");
            resources.Erp = Parity.ErpSandbox.SandboxErp.Build("http://127.0.0.1:0");
            await resources.Erp.StartAsync(cancellationToken).ConfigureAwait(false);
            var erpUrl = new Uri(resources.Erp.Urls.First() + "/");

            // Keys are issued at start-up, so the stores (named by the run id) are worked out before the scenario exists.
            var stores = omnichannel ? OmnichannelDay.StoreIds(runId, settings.Mixed.Stores) : PosBurst.StoreIds(runId, settings.Mixed.Stores);
            observer.Status($"Starting an in-process silo ({settings.Store.ToString().ToLowerInvariant()} store) with the gateway on loopback");
            host = await InProcessHost.StartAsync(new InProcessHostOptions(settings.Store, [],
                PostgresConnectionString: postgres, SqliteDirectory: sqlite, ErpBaseUrl: erpUrl,
                OrderChannels: omnichannel ? OmnichannelDay.Channels : [], Stores: stores), cancellationToken).ConfigureAwait(false);
            resources.Host = host;
            baseAddress = host.BaseAddress;
            keys = ScenarioKeys.InProcess;
        }

        using var http = CreateClient(baseAddress);
        var api = new AdminApi(http, keys.Admin);
        var ledger = resources.Erp?.Services.GetRequiredService<Parity.ErpSandbox.SandboxLedger>();
        IRequestDriver driver;
        Func<long, string> operationOf;
        Func<Task<InvariantResult>> check;
        ArrivalSchedule schedule;
        Func<Task> prepare;
        if (omnichannel)
        {
            var day = new OmnichannelDay(http, api, keys, settings.Mixed, runId);
            (driver, operationOf, prepare) = (day, day.OperationOf, () => day.PrepareAsync(cancellationToken));
            check = ledger is not null && host is not null
                ? () => CloseDaysThenCountPostingsAsync(day.Pos, () => day.CheckAsync(PostingsNotMeasured, cancellationToken),
                    () => day.ExpectedJournals(host.StoreDays), OmnichannelDay.WithPostings, ledger, cancellationToken)
                : () => day.CheckAsync(PostingsNotMeasured, cancellationToken);
            schedule = new ArrivalSchedule(Math.Min(settings.StartRate, settings.PeakRate), settings.PeakRate, settings.Ramp);
        }
        else
        {
            var burst = new PosBurst(http, api, keys, settings.Mixed, runId);
            (driver, operationOf, prepare) = (burst, burst.OperationOf, () => burst.PrepareAsync(cancellationToken));
            check = ledger is not null && host is not null
                ? () => CloseDaysThenCountPostingsAsync(burst.Pos, () => burst.CheckAsync(cancellationToken),
                    () => burst.ExpectedJournals(host.StoreDays), PosBurst.WithPostings, ledger, cancellationToken)
                : () => burst.CheckAsync(cancellationToken);
            schedule = ArrivalSchedule.Bursts(settings.Mixed.Stores, settings.BurstInterval);
        }

        observer.Status($"Setting up {settings.Scenario}: {settings.Mixed.Skus} SKU(s), {settings.Mixed.Stores} store(s), {settings.Mixed.Stock:N0} units per position");
        await prepare().ConfigureAwait(false);
        var warmUp = await WarmUpAsync(driver, cancellationToken).ConfigureAwait(false);

        var recorder = new RunRecorder();
        var plan = new OpenLoopPlan(schedule, settings.Duration, settings.MaxRequests, settings.MaxInFlight, RequestTimeout + TimeSpan.FromSeconds(10));
        host?.Timings.Reset();
        host?.Meters.ResetGrainCalls();
        var journalBefore = host?.Meters.ReadJournal();
        var meter = CostMeter.Start();
        var run = new OpenLoopRunner(time).RunAsync(plan, driver, recorder, cancellationToken);
        await observer.WatchAsync(settings.Scenario, recorder, schedule.PeakRate, settings.Duration, run).ConfigureAwait(false);
        await run.ConfigureAwait(false);
        var samples = recorder.Snapshot();
        var server = host is null ? null : Profile(host, journalBefore!, meter.Stop(samples), withSilo: true);

        observer.Status("Checking invariants: positions, orders and their history, store days");
        var invariants = await check().ConfigureAwait(false);
        if (warmUp is { } warm)
        {
            invariants = invariants with { Notes = [.. invariants.Notes, warm] };
        }

        var store = settings.Gateway is null ? settings.Store.ToString().ToLowerInvariant() : "remote";
        var result = RunResult.From(settings.Scenario, "parity", settings.TargetName, store, schedule.PeakRate, samples, invariants, server,
            OperationFigures.From(samples, operationOf));
        return LoadTestReport.Create(result, null, null, settings.CommandLine, machine, startedAt);
    }

    // Request indices of the warm-up: far above any measured run's, so its orders, batches and ids never meet the run's.
    private const long WarmUpIndexBase = 1_000_000_000;

    // The scenario's own operations, sent before the clock starts with at most 16 in flight: a cold process JITs the
    // gateway, the grains and the storage on its first requests, which is start-up, not the run's latency. The warm-up's
    // effects are real and stay in the invariant and posting checks with the run's.
    private async Task<string?> WarmUpAsync(IRequestDriver driver, CancellationToken cancellationToken)
    {
        if (settings.WarmUpRequests <= 0)
        {
            return null;
        }

        observer.Status($"{settings.Scenario}: warming up ({settings.WarmUpRequests} requests of the scenario's own mix, not timed)");
        var acknowledged = 0;
        await Parallel.ForAsync(0, settings.WarmUpRequests, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                if (await driver.SendAsync(WarmUpIndexBase + i, ct).ConfigureAwait(false) == RequestOutcome.Accepted)
                {
                    Interlocked.Increment(ref acknowledged);
                }
            }).ConfigureAwait(false);
        return $"warm-up: {settings.WarmUpRequests} request(s) of the scenario's mix before the run, {acknowledged} acknowledged; not timed, checked with the run";
    }

    // In process: the store days are closed first (their journals post at close), then the scenario's own checks run
    // and the postings are counted in the sandbox ERP against what the acknowledged operations imply.
    private async Task<InvariantResult> CloseDaysThenCountPostingsAsync(PosTraffic pos, Func<Task<InvariantResult>> check,
        Func<IReadOnlyDictionary<string, int>> expected, Func<InvariantResult, ErpPostingCount, IReadOnlyList<string>, InvariantResult> withPostings,
        Parity.ErpSandbox.SandboxLedger ledger, CancellationToken cancellationToken)
    {
        observer.Status("Closing every store day the run uploaded to (each with its store's key)");
        var notClosed = await pos.CloseDaysAsync(cancellationToken).ConfigureAwait(false);
        var result = await check().ConfigureAwait(false);
        return withPostings(result, await ErpPostingCheck.CountAsync(ledger, expected(), cancellationToken).ConfigureAwait(false), notClosed);
    }
}
