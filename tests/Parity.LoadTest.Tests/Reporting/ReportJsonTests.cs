using System.Text.Json;
using Parity.LoadTest.Invariants;
using Parity.LoadTest.Measurement;
using Parity.LoadTest.Reporting;

namespace Parity.LoadTest.Tests.Reporting;

public sealed class ReportJsonTests
{
    private static readonly string[] RunFields =
    [
        "scenario", "target", "durationSeconds", "attempts", "accepted", "rejected", "errors", "throughputPerSecond", "latencyMs", "invariants",
    ];

    private static readonly string[] LatencyFields = ["p50", "p90", "p99", "max"];

    private static readonly string[] InvariantFields = ["oversold", "safetyStockBreaches", "capBreaches", "lostAcknowledgements", "duplicatePostings"];

    [Fact]
    public void ToJson_WithBaselineAndCeiling_HasEveryFieldAtEveryLevel()
    {
        var report = LoadTestReport.Create(Run("parity"), Run("sql-row-lock"), Run("ceiling"), "parity-loadtest flash-sale", MachineInfo.Current(), DateTimeOffset.UnixEpoch);

        using var json = JsonDocument.Parse(report.ToJson());
        var root = json.RootElement;

        AssertRunShape(root);
        AssertRunShape(root.GetProperty("baseline"));
        AssertRunShape(root.GetProperty("ceiling"));
        Assert.Equal("flash-sale", root.GetProperty("scenario").GetString());
        Assert.Equal("inproc", root.GetProperty("target").GetString());
        Assert.Equal(4, root.GetProperty("attempts").GetInt64());
        Assert.Equal(2, root.GetProperty("accepted").GetInt64());
        Assert.Equal(1, root.GetProperty("rejected").GetInt64());
        Assert.Equal(1, root.GetProperty("errors").GetInt64());
        Assert.Equal(2.0, root.GetProperty("durationSeconds").GetDouble());
        Assert.Equal(1.5, root.GetProperty("throughputPerSecond").GetDouble());
        Assert.Equal(500.0, root.GetProperty("latencyMs").GetProperty("max").GetDouble());
        Assert.Equal(1.0, root.GetProperty("ratios").GetProperty("parityOverBaseline").GetDouble());
        Assert.Equal(3, root.GetProperty("timeline").GetArrayLength()); // seconds 0, 1 and 2 (the error arrives at 2.0)
    }

    [Fact]
    public void ToJson_WithoutSideRuns_WritesNullBaselineAndCeiling()
    {
        var report = LoadTestReport.Create(Run("parity"), null, null, "", null, DateTimeOffset.UnixEpoch);

        using var json = JsonDocument.Parse(report.ToJson());

        AssertRunShape(json.RootElement);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("baseline").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ceiling").ValueKind);
    }

    [Fact]
    public void Html_IsSelfContainedWithAChartPerFigure()
    {
        var html = HtmlReport.Render(LoadTestReport.Create(Run("parity"), Run("sql-row-lock"), null, "cmd <x>", null, DateTimeOffset.UnixEpoch));

        Assert.Equal(2, CountOf(html, "<svg"));
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.Contains("cmd &lt;x&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertRunShape(JsonElement run)
    {
        foreach (var field in RunFields)
        {
            Assert.True(run.TryGetProperty(field, out _), $"missing '{field}'");
        }

        foreach (var field in LatencyFields)
        {
            Assert.Equal(JsonValueKind.Number, run.GetProperty("latencyMs").GetProperty(field).ValueKind);
        }

        foreach (var field in InvariantFields)
        {
            Assert.Equal(JsonValueKind.Number, run.GetProperty("invariants").GetProperty(field).ValueKind);
        }
    }

    private static RunResult Run(string system) => RunResult.From("flash-sale", system, "inproc", "memory", 100,
        [
            new RequestSample(0.0, 0.1, RequestOutcome.Accepted),
            new RequestSample(0.5, 0.6, RequestOutcome.Rejected),
            new RequestSample(1.0, 1.4, RequestOutcome.Accepted),
            new RequestSample(1.5, 2.0, RequestOutcome.Error),
        ],
        new InvariantResult(0, 0, 0, 0, 0, [InvariantChecker.NoPostingsNote], []));

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
