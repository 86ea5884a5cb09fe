using System.Text.Json;
using System.Text.Json.Serialization;

namespace Parity.LoadTest.Reporting;

/// <summary>
/// The JSON report: the Parity run's figures at the top level, and the baseline's and the ceiling's figures, of the
/// same shape, when they were measured in the same invocation.
/// </summary>
internal sealed class LoadTestReport : RunResult
{
    /// <summary>Options the report is written with.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>When the invocation started (UTC).</summary>
    [JsonPropertyName("startedAt")]
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>The command line, so a figure can be reproduced.</summary>
    [JsonPropertyName("command")]
    public string Command { get; init; } = "";

    /// <summary>What the machine looked like: cores and load average before the run (it is shared).</summary>
    [JsonPropertyName("machine")]
    public MachineInfo? Machine { get; init; }

    /// <summary>The sql-row-lock baseline's figures, when asked for.</summary>
    [JsonPropertyName("baseline")]
    public RunResult? Baseline { get; init; }

    /// <summary>The no-work ceiling's figures, when asked for.</summary>
    [JsonPropertyName("ceiling")]
    public RunResult? Ceiling { get; init; }

    /// <summary>Parity throughput ÷ baseline throughput and ÷ ceiling throughput, when measured.</summary>
    [JsonPropertyName("ratios")]
    public IReadOnlyDictionary<string, double>? Ratios { get; init; }

    /// <summary>A report from the Parity run's result plus the optional side runs.</summary>
    public static LoadTestReport Create(RunResult parity, RunResult? baseline, RunResult? ceiling, string command, MachineInfo? machine, DateTimeOffset startedAt)
    {
        Dictionary<string, double>? ratios = null;
        if (baseline is not null || ceiling is not null)
        {
            ratios = [];
            if (baseline is { ThroughputPerSecond: > 0 })
            {
                ratios["parityOverBaseline"] = Math.Round(parity.ThroughputPerSecond / baseline.ThroughputPerSecond, 2);
            }

            if (ceiling is { ThroughputPerSecond: > 0 })
            {
                ratios["parityOverCeiling"] = Math.Round(parity.ThroughputPerSecond / ceiling.ThroughputPerSecond, 3);
            }
        }

        return new LoadTestReport
        {
            Scenario = parity.Scenario,
            System = parity.System,
            Target = parity.Target,
            Store = parity.Store,
            DurationSeconds = parity.DurationSeconds,
            Attempts = parity.Attempts,
            Accepted = parity.Accepted,
            Rejected = parity.Rejected,
            Errors = parity.Errors,
            ThroughputPerSecond = parity.ThroughputPerSecond,
            OfferedPeakRatePerSecond = parity.OfferedPeakRatePerSecond,
            LatencyMs = parity.LatencyMs,
            Operations = parity.Operations,
            Invariants = parity.Invariants,
            Timeline = parity.Timeline,
            Server = parity.Server,
            StartedAt = startedAt,
            Command = command,
            Machine = machine,
            Baseline = baseline,
            Ceiling = ceiling,
            Ratios = ratios,
        };
    }

    /// <summary>The report as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>The machine a run was measured on.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="LoadAverage">The 1-, 5- and 15-minute load averages before the run (Linux), or null.</param>
/// <param name="Runtime">The .NET runtime.</param>
internal sealed record MachineInfo(
    [property: JsonPropertyName("cores")] int Cores,
    [property: JsonPropertyName("loadAverage")] string? LoadAverage,
    [property: JsonPropertyName("runtime")] string Runtime)
{
    /// <summary>This machine, now.</summary>
    public static MachineInfo Current()
    {
        string? load = null;
        try
        {
            if (File.Exists("/proc/loadavg"))
            {
                load = string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
        }
        catch (IOException)
        {
            // The load average is context, not a figure the run depends on.
        }

        return new MachineInfo(Environment.ProcessorCount, load, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }
}
