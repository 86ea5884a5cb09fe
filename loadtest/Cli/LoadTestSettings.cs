using Parity.LoadTest.Hosting;
using Parity.LoadTest.Scenarios;

namespace Parity.LoadTest.Cli;

/// <summary>Everything one invocation does, as parsed from the command line.</summary>
internal sealed record LoadTestSettings
{
    /// <summary>The scenario: <c>flash-sale</c>, <c>omnichannel-day</c> or <c>pos-burst</c>.</summary>
    public string Scenario { get; init; } = FlashSaleScenario.Name;

    /// <summary>Null for the in-process target, or the running gateway's URL.</summary>
    public Uri? Gateway { get; init; }

    /// <summary>The in-process silo's store.</summary>
    public StoreKind Store { get; init; } = StoreKind.Memory;

    /// <summary>A PostgreSQL server to use instead of starting a throwaway one.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The admin API key of a running gateway.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Arrivals per second at the start of the ramp.</summary>
    public double StartRate { get; init; } = 100;

    /// <summary>Arrivals per second at the peak.</summary>
    public double PeakRate { get; init; } = 1000;

    /// <summary>How long the ramp takes.</summary>
    public TimeSpan Ramp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long requests are sent for.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>At most this many requests.</summary>
    public long MaxRequests { get; init; } = long.MaxValue;

    /// <summary>Requests in flight beyond which due requests are counted as errors instead of sent.</summary>
    public int MaxInFlight { get; init; } = 4096;

    /// <summary>Most HTTP connections to the target; 0 for one per request in flight (up to <see cref="MaxInFlight"/>).</summary>
    public int Connections { get; init; }

    /// <summary>Requests sent before each measured run (not counted) so JIT and connection set-up do not count.</summary>
    public int WarmUpRequests { get; init; } = 300;

    /// <summary>Also drive the sql-row-lock baseline.</summary>
    public bool Baseline { get; init; }

    /// <summary>Also drive the no-work ceiling endpoint.</summary>
    public bool Ceiling { get; init; }

    /// <summary>In process: the Orleans Dashboard added and read once a second during the run.</summary>
    public bool OrleansDashboard { get; init; }

    /// <summary>The sale's shape.</summary>
    public FlashSaleOptions Sale { get; init; } = new();

    /// <summary>The shape of omnichannel-day and pos-burst.</summary>
    public MixedOptions Mixed { get; init; } = new();

    /// <summary>pos-burst: time between waves (every store uploads one batch per wave).</summary>
    public TimeSpan BurstInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Where the JSON report goes.</summary>
    public string ReportPath { get; init; } = "loadtest-report.json";

    /// <summary>Where the HTML report goes.</summary>
    public string HtmlPath { get; init; } = "loadtest-report.html";

    /// <summary>The command line, for the report.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>How the target is named in the report.</summary>
    public string TargetName => Gateway?.ToString() ?? "inproc";
}
