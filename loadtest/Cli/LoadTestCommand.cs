using System.CommandLine;
using System.Globalization;
using Parity.LoadTest.Hosting;
using Parity.LoadTest.Reporting;
using Parity.LoadTest.Scenarios;
using Spectre.Console;

namespace Parity.LoadTest.Cli;

/// <summary>The command line: <c>parity-loadtest flash-sale [options]</c>.</summary>
internal static class LoadTestCommand
{
    /// <summary>Exit code when every invariant is 0.</summary>
    public const int Ok = 0;

    /// <summary>Exit code when an invariant is broken.</summary>
    public const int InvariantBroken = 1;

    /// <summary>Exit code for bad usage or a failure before any figure existed.</summary>
    public const int Failed = 2;

    /// <summary>Builds the root command with its scenario argument and options.</summary>
    public static RootCommand Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "flash-sale, omnichannel-day or pos-burst" };
        scenario.AcceptOnlyFromAmong(FlashSaleScenario.Name, "omnichannel-day", "pos-burst");
        var target = new Option<string>("--target") { Description = "inproc (a silo with the co-hosted gateway in this process) or the URL of a running gateway", DefaultValueFactory = _ => "inproc" };
        var store = new Option<string>("--store") { Description = "The in-process silo's store: memory, sqlite or postgres (durable)", DefaultValueFactory = _ => "memory" };
        store.AcceptOnlyFromAmong("memory", "sqlite", "postgres");
        var postgres = new Option<string?>("--postgres") { Description = "Connection string of a PostgreSQL server to use instead of starting a throwaway one" };
        var apiKey = new Option<string?>("--api-key") { Description = "Admin API key of a running gateway (with --target URL). Against a URL every request carries this key; in process each channel and store uses its own key" };
        var rate = new Option<double>("--rate") { Description = "Peak arrival rate (requests/s)", DefaultValueFactory = _ => 1000 };
        var startRate = new Option<double?>("--start-rate") { Description = "Arrival rate at the start of the ramp; default a tenth of --rate" };
        var ramp = new Option<double>("--ramp") { Description = "Seconds to ramp from --start-rate to --rate (0: constant rate)", DefaultValueFactory = _ => 5 };
        var duration = new Option<double>("--duration") { Description = "Seconds to send requests for", DefaultValueFactory = _ => 15 };
        var count = new Option<long?>("--count") { Description = "Most requests to send" };
        var maxInFlight = new Option<int>("--max-in-flight") { Description = "Requests in flight beyond which due requests count as errors", DefaultValueFactory = _ => 4096 };
        var connections = new Option<int>("--connections") { Description = "Most HTTP connections to the target (0: one per request in flight, up to --max-in-flight); requests beyond wait in the client, their wait counted in their latency", DefaultValueFactory = _ => 0 };
        var warmUp = new Option<int>("--warmup") { Description = "Untimed requests before each run (flash-sale: to a separate position; omnichannel-day, pos-burst: the scenario's own mix)", DefaultValueFactory = _ => 300 };
        var baseline = new Option<string?>("--baseline") { Description = "sql-row-lock: also drive the naive one-row-per-SKU-location design on PostgreSQL" };
        baseline.AcceptOnlyFromAmong("sql-row-lock");
        var ceiling = new Option<bool>("--ceiling") { Description = "Also drive an endpoint that does no work on the same HTTP stack" };
        var orleansDashboard = new Option<bool>("--orleans-dashboard") { Description = "In process: add the Orleans Dashboard as the silo does and read it once a second, as an open browser would" };
        var skus = new Option<int>("--skus") { Description = "Hot SKUs", DefaultValueFactory = _ => 1 };
        var locations = new Option<int>("--locations") { Description = "Locations per SKU", DefaultValueFactory = _ => 1 };
        var stock = new Option<int>("--stock") { Description = "OnHand per position before the sale", DefaultValueFactory = _ => 100_000 };
        var safetyStock = new Option<int?>("--safety-stock") { Description = "SafetyStock per position (default 1 % of --stock)" };
        var maxQuantity = new Option<int>("--max-quantity") { Description = "Each request asks 1 to this many units", DefaultValueFactory = _ => 1 };
        var stores = new Option<int>("--stores") { Description = "omnichannel-day, pos-burst: stores uploading POS batches", DefaultValueFactory = _ => 5 };
        var tickets = new Option<int>("--tickets") { Description = "omnichannel-day, pos-burst: tickets per POS batch", DefaultValueFactory = _ => 5 };
        var mix = new Option<string?>("--mix") { Description = "omnichannel-day: weights, e.g. place=50,ship=15,cancel=5,return=10,refund=5,pos=15 (the default)" };
        var burstInterval = new Option<double>("--burst-interval") { Description = "pos-burst: seconds between waves (every store uploads one batch at the same instant)", DefaultValueFactory = _ => 1 };
        var report = new Option<string>("--report") { Description = "JSON report path", DefaultValueFactory = _ => "loadtest-report.json" };
        var html = new Option<string>("--html") { Description = "HTML report path", DefaultValueFactory = _ => "loadtest-report.html" };

        var root = new RootCommand("Parity peak-event load test: open-loop arrivals, invariants after every run, baseline and ceiling side by side")
        {
            scenario, target, store, postgres, apiKey, rate, startRate, ramp, duration, count, maxInFlight, connections, warmUp, baseline, ceiling,
            orleansDashboard, skus, locations, stock, safetyStock, maxQuantity, stores, tickets, mix, burstInterval, report, html,
        };

        root.SetAction(async (parse, cancellationToken) =>
        {
            var console = AnsiConsole.Console;
            var targetValue = parse.GetValue(target)!;
            Uri? gateway = null;
            if (!string.Equals(targetValue, "inproc", StringComparison.OrdinalIgnoreCase)
                && (!Uri.TryCreate(targetValue, UriKind.Absolute, out gateway) || gateway.Scheme is not ("http" or "https")))
            {
                console.MarkupLine($"[red]--target must be inproc or an http(s) URL[/], not '{Markup.Escape(targetValue)}'.");
                return Failed;
            }

            var peak = parse.GetValue(rate);
            MixedOptions mixed;
            try
            {
                mixed = new MixedOptions
                {
                    // --skus defaults to one hot SKU for the flash sale; the mixed scenarios spread over 20 unless told.
                    Skus = parse.GetResult(skus) is { Implicit: false } ? parse.GetValue(skus) : 20,
                    Stores = parse.GetValue(stores),
                    Stock = parse.GetValue(stock),
                    TicketsPerBatch = parse.GetValue(tickets),
                    Mix = parse.GetValue(mix) is { } m ? OperationMix.Parse(m) : OperationMix.Default,
                };
            }
            catch (ArgumentException ex)
            {
                console.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
                return Failed;
            }

            if (mixed.Skus < 1 || mixed.Stores < 1 || mixed.TicketsPerBatch < 1 || parse.GetValue(burstInterval) <= 0)
            {
                console.MarkupLine("[red]--skus, --stores, --tickets and --burst-interval must be positive.[/]");
                return Failed;
            }

            var settings = new LoadTestSettings
            {
                Scenario = parse.GetValue(scenario)!,
                Mixed = mixed,
                BurstInterval = TimeSpan.FromSeconds(parse.GetValue(burstInterval)),
                Gateway = gateway,
                Store = Enum.Parse<StoreKind>(parse.GetValue(store)!, ignoreCase: true),
                PostgresConnectionString = parse.GetValue(postgres),
                ApiKey = parse.GetValue(apiKey),
                PeakRate = peak,
                StartRate = parse.GetValue(startRate) ?? Math.Max(1, peak / 10),
                Ramp = TimeSpan.FromSeconds(parse.GetValue(ramp)),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                MaxRequests = parse.GetValue(count) ?? long.MaxValue,
                MaxInFlight = parse.GetValue(maxInFlight),
                Connections = parse.GetValue(connections),
                WarmUpRequests = parse.GetValue(warmUp),
                Baseline = parse.GetValue(baseline) is not null,
                Ceiling = parse.GetValue(ceiling),
                OrleansDashboard = parse.GetValue(orleansDashboard),
                Sale = new FlashSaleOptions
                {
                    Skus = parse.GetValue(skus),
                    Locations = parse.GetValue(locations),
                    Stock = parse.GetValue(stock),
                    SafetyStock = parse.GetValue(safetyStock),
                    MaxQuantity = parse.GetValue(maxQuantity),
                },
                ReportPath = parse.GetValue(report)!,
                HtmlPath = parse.GetValue(html)!,
                CommandLine = "parity-loadtest " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            };

            LoadTestReport result;
            try
            {
                result = await new LoadTestRunner(settings, new ConsoleObserver(console), TimeProvider.System).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException or HttpRequestException)
            {
                console.MarkupLine($"[red]The load test could not run:[/] {Markup.Escape(ex.Message)}");
                return Failed;
            }

            await File.WriteAllTextAsync(settings.ReportPath, result.ToJson(), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(settings.HtmlPath, HtmlReport.Render(result), cancellationToken).ConfigureAwait(false);
            Summary.Print(console, result);
            console.MarkupLine($"Reports: [link]{Markup.Escape(Path.GetFullPath(settings.ReportPath))}[/], [link]{Markup.Escape(Path.GetFullPath(settings.HtmlPath))}[/]");
            return Summary.Holds(result) ? Ok : InvariantBroken;
        });
        return root;
    }
}

/// <summary>The table printed at the end, and the verdict.</summary>
internal static class Summary
{
    /// <summary>True when Parity's invariants are all 0 and the baseline neither oversold nor lost an acknowledgement.</summary>
    public static bool Holds(LoadTestReport report) =>
        report.Invariants.Holds && report.Baseline is null or { Invariants.Oversold: 0, Invariants.LostAcknowledgements: 0 };

    /// <summary>Prints every run's figures and each invariant with its value.</summary>
    public static void Print(IAnsiConsole console, LoadTestReport report)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(report.Scenario)}[/] on {Markup.Escape(report.Target)}");
        foreach (var column in new[] { "system", "store", "attempts", "accepted", "rejected", "errors", "decisions/s", "p50 ms", "p90 ms", "p99 ms", "max ms" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        var runs = new List<RunResult> { report };
        runs.AddRange(new[] { report.Baseline, report.Ceiling }.OfType<RunResult>());
        foreach (var run in runs)
        {
            table.AddRow(run.System, run.Store, N(run.Attempts), N(run.Accepted), N(run.Rejected), N(run.Errors), N(run.ThroughputPerSecond),
                N(run.LatencyMs.P50), N(run.LatencyMs.P90), N(run.LatencyMs.P99), N(run.LatencyMs.Max));
        }

        console.Write(table);
        foreach (var run in runs)
        {
            var i = run.Invariants;
            console.MarkupLine($"[bold]{Markup.Escape(run.System)}[/] invariants: " + string.Join(", ",
                Figure("oversold", i.Oversold), Figure("safety-stock breaches", i.SafetyStockBreaches), Figure("cap breaches", i.CapBreaches),
                Figure("lost acknowledgements", i.LostAcknowledgements), Figure("duplicate postings", i.DuplicatePostings)));
            foreach (var line in i.Notes.Concat(i.Details.Take(20)))
            {
                console.MarkupLine($"  [grey]{Markup.Escape(line)}[/]");
            }
        }

        if (report.Ratios is { Count: > 0 })
        {
            console.MarkupLine(string.Join("  ", report.Ratios.Select(r => $"{r.Key} = [bold]{r.Value.ToString(CultureInfo.InvariantCulture)}[/]")));
        }
    }

    private static string Figure(string name, long value) => value == 0 ? $"{name} [green]0[/]" : $"{name} [red]{value}[/]";

    private static string N(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
