using System.Diagnostics;
using System.Globalization;
using Parity.LoadTest.Measurement;
using Spectre.Console;

namespace Parity.LoadTest.Cli;

/// <summary>
/// The progress display: a live Spectre.Console table (elapsed, rate asked, sent, in flight, accepted, rejected,
/// errors, p99 of the last second) refreshed four times a second on a terminal; one plain line every 5 s when the
/// output is redirected.
/// </summary>
internal sealed class ConsoleObserver(IAnsiConsole console) : IRunObserver
{
    public void Status(string message) => console.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

    public async Task WatchAsync(string label, RunRecorder recorder, double peakRate, TimeSpan duration, Task run)
    {
        var clock = Stopwatch.StartNew();
        if (!console.Profile.Capabilities.Interactive)
        {
            while (await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false) != run)
            {
                console.WriteLine(Line(label, recorder, clock.Elapsed));
            }

            console.WriteLine(Line(label, recorder, clock.Elapsed));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(label)}[/] — peak {peakRate:N0}/s for {duration.TotalSeconds:N0} s");
        foreach (var column in new[] { "elapsed", "sent", "in flight", "accepted", "rejected", "errors", "p99 (last 1 s)" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }

        table.AddRow(Cells(recorder, clock.Elapsed));
        await console.Live(table).AutoClear(false).StartAsync(async context =>
        {
            while (await Task.WhenAny(run, Task.Delay(250)).ConfigureAwait(false) != run)
            {
                table.UpdateCell(0, 0, "");
                var cells = Cells(recorder, clock.Elapsed);
                for (var i = 0; i < cells.Length; i++)
                {
                    table.UpdateCell(0, i, cells[i]);
                }

                context.Refresh();
            }

            var last = Cells(recorder, clock.Elapsed);
            for (var i = 0; i < last.Length; i++)
            {
                table.UpdateCell(0, i, last[i]);
            }

            context.Refresh();
        }).ConfigureAwait(false);
    }

    private static string[] Cells(RunRecorder recorder, TimeSpan elapsed) =>
    [
        elapsed.TotalSeconds.ToString("0.0 s", CultureInfo.InvariantCulture),
        recorder.Sent.ToString("N0", CultureInfo.InvariantCulture),
        recorder.InFlight.ToString("N0", CultureInfo.InvariantCulture),
        recorder.Accepted.ToString("N0", CultureInfo.InvariantCulture),
        recorder.Rejected.ToString("N0", CultureInfo.InvariantCulture),
        recorder.Errors.ToString("N0", CultureInfo.InvariantCulture),
        recorder.RecentP99(elapsed.TotalSeconds, 1).ToString("0.0 ms", CultureInfo.InvariantCulture),
    ];

    private static string Line(string label, RunRecorder recorder, TimeSpan elapsed) =>
        string.Join("  ", new[] { label }.Concat(
            new[] { "elapsed", "sent", "in flight", "accepted", "rejected", "errors", "p99" }.Zip(Cells(recorder, elapsed), (n, v) => $"{n} {v}")));
}
