using System.Globalization;
using System.Net;
using System.Text;

namespace Parity.LoadTest.Reporting;

/// <summary>
/// A self-contained HTML page (no scripts, no external files) with a summary table and two inline SVG charts per
/// report: decisions per second and latency (p50, p99) per second, one line per system measured.
/// </summary>
internal static class HtmlReport
{
    private static readonly string[] Colours = ["#1f6feb", "#d1242f", "#2da44e"];

    /// <summary>The page for <paramref name="report"/>.</summary>
    public static string Render(LoadTestReport report)
    {
        var runs = new List<RunResult> { report };
        if (report.Baseline is not null)
        {
            runs.Add(report.Baseline);
        }

        if (report.Ceiling is not null)
        {
            runs.Add(report.Ceiling);
        }

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Parity load test: ")
            .Append(E(report.Scenario)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;color:#1f2328}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:right}th{background:#f6f8fa}")
            .Append("td:first-child,th:first-child{text-align:left}.bad{color:#d1242f;font-weight:bold}svg{margin:1em 0}")
            .Append("</style></head><body>");
        html.Append("<h1>").Append(E(report.Scenario)).Append("</h1><p>")
            .Append(E(report.StartedAt.ToString("u", CultureInfo.InvariantCulture))).Append(" · target ")
            .Append(E(report.Target)).Append(" · ").Append(E(report.Machine is { } m ? $"{m.Cores} cores, load average {m.LoadAverage ?? "?"}, {m.Runtime}" : ""))
            .Append("</p><p><code>").Append(E(report.Command)).Append("</code></p>");

        html.Append("<table><tr><th>system</th><th>store</th><th>peak rate asked /s</th><th>attempts</th><th>accepted</th><th>rejected</th><th>errors</th>")
            .Append("<th>decisions/s</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th><th>oversold</th><th>safety-stock breaches</th>")
            .Append("<th>cap breaches</th><th>lost acks</th><th>duplicate postings</th></tr>");
        foreach (var run in runs)
        {
            var i = run.Invariants;
            html.Append("<tr><td>").Append(E(run.System)).Append("</td><td>").Append(E(run.Store)).Append("</td>")
                .Append(Cell(run.OfferedPeakRatePerSecond)).Append(Cell(run.Attempts)).Append(Cell(run.Accepted)).Append(Cell(run.Rejected))
                .Append(Cell(run.Errors, bad: run.Errors > 0)).Append(Cell(run.ThroughputPerSecond))
                .Append(Cell(run.LatencyMs.P50)).Append(Cell(run.LatencyMs.P90)).Append(Cell(run.LatencyMs.P99)).Append(Cell(run.LatencyMs.Max))
                .Append(Cell(i.Oversold, bad: i.Oversold > 0)).Append(Cell(i.SafetyStockBreaches, bad: i.SafetyStockBreaches > 0))
                .Append(Cell(i.CapBreaches, bad: i.CapBreaches > 0)).Append(Cell(i.LostAcknowledgements, bad: i.LostAcknowledgements > 0))
                .Append(Cell(i.DuplicatePostings, bad: i.DuplicatePostings > 0)).Append("</tr>");
        }

        html.Append("</table>");
        if (report.Ratios is { Count: > 0 })
        {
            html.Append("<p>").Append(E(string.Join(" · ", report.Ratios.Select(r => $"{r.Key} = {r.Value.ToString(CultureInfo.InvariantCulture)}")))).Append("</p>");
        }

        html.Append("<h2>Decisions per second</h2>");
        html.Append(Chart(runs.Select((r, n) => new Series(r.System, Colours[n % Colours.Length], false, r.Timeline.Select(b => (b.Second + 0.5, (double)b.Decisions)).ToList())).ToList(), "decisions/s"));
        html.Append("<h2>Latency per second (p99 solid, p50 dashed)</h2>");
        html.Append(Chart(runs.SelectMany((r, n) => new[]
        {
            new Series(r.System + " p99", Colours[n % Colours.Length], false, r.Timeline.Where(b => b.Decisions + b.Errors > 0).Select(b => (b.Second + 0.5, b.P99)).ToList()),
            new Series(r.System + " p50", Colours[n % Colours.Length], true, r.Timeline.Where(b => b.Decisions + b.Errors > 0).Select(b => (b.Second + 0.5, b.P50)).ToList()),
        }).ToList(), "ms"));

        var notes = runs.SelectMany(r => r.Invariants.Notes.Concat(r.Invariants.Details).Select(d => $"{r.System}: {d}")).Distinct().ToList();
        if (notes.Count > 0)
        {
            html.Append("<h2>Invariant notes</h2><ul>");
            foreach (var note in notes)
            {
                html.Append("<li>").Append(E(note)).Append("</li>");
            }

            html.Append("</ul>");
        }

        return html.Append("</body></html>").ToString();
    }

    private sealed record Series(string Name, string Colour, bool Dashed, IReadOnlyList<(double X, double Y)> Points);

    private static string Chart(IReadOnlyList<Series> series, string unit)
    {
        const double width = 820, height = 300, left = 70, right = 180, top = 10, bottom = 40;
        var points = series.SelectMany(s => s.Points).ToList();
        var maxX = Math.Max(1, points.Count == 0 ? 1 : Math.Ceiling(points.Max(p => p.X)));
        var maxY = NiceCeiling(points.Count == 0 ? 1 : points.Max(p => p.Y));
        double X(double x) => left + (x / maxX * (width - left - right));
        double Y(double y) => top + ((1 - (y / maxY)) * (height - top - bottom));

        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-size=\"11\">"));
        for (var i = 0; i <= 4; i++)
        {
            var y = maxY * i / 4;
            svg.Append(F($"<line x1=\"{left}\" y1=\"{Y(y):0.#}\" x2=\"{width - right}\" y2=\"{Y(y):0.#}\" stroke=\"#eaeef2\"/>"))
               .Append(F($"<text x=\"{left - 6}\" y=\"{Y(y) + 4:0.#}\" text-anchor=\"end\">{y:0.##}</text>"));
        }

        var step = Math.Max(1, Math.Ceiling(maxX / 10));
        for (var x = 0.0; x <= maxX; x += step)
        {
            svg.Append(F($"<text x=\"{X(x):0.#}\" y=\"{height - bottom + 16}\" text-anchor=\"middle\">{x:0}</text>"));
        }

        svg.Append(F($"<text x=\"{(left + width - right) / 2:0}\" y=\"{height - 6}\" text-anchor=\"middle\">seconds since start</text>"))
           .Append(F($"<text x=\"12\" y=\"{top + 10}\">{E(unit)}</text>"))
           .Append(F($"<rect x=\"{left}\" y=\"{top}\" width=\"{width - left - right}\" height=\"{height - top - bottom}\" fill=\"none\" stroke=\"#8c959f\"/>"));
        for (var n = 0; n < series.Count; n++)
        {
            var s = series[n];
            if (s.Points.Count > 0)
            {
                var path = string.Join(' ', s.Points.Select(p => F($"{X(p.X):0.#},{Y(p.Y):0.#}")));
                svg.Append(F($"<polyline fill=\"none\" stroke=\"{s.Colour}\" stroke-width=\"1.8\"{(s.Dashed ? " stroke-dasharray=\"5,3\"" : "")} points=\"{path}\"/>"));
            }

            svg.Append(F($"<line x1=\"{width - right + 10}\" y1=\"{top + 12 + (n * 16)}\" x2=\"{width - right + 30}\" y2=\"{top + 12 + (n * 16)}\" stroke=\"{s.Colour}\" stroke-width=\"2\"{(s.Dashed ? " stroke-dasharray=\"5,3\"" : "")}/>"))
               .Append(F($"<text x=\"{width - right + 35}\" y=\"{top + 16 + (n * 16)}\">{E(s.Name)}</text>"));
        }

        return svg.Append("</svg>").ToString();
    }

    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var factor in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (factor * magnitude >= value)
            {
                return factor * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Cell(double value, bool bad = false) =>
        $"<td{(bad ? " class=\"bad\"" : "")}>{value.ToString("#,0.###", CultureInfo.InvariantCulture)}</td>";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
