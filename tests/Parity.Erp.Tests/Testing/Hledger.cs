using System.Diagnostics;
using System.Globalization;

namespace Parity.Erp.Tests.Testing;

/// <summary>Runs the real hledger (the Debian package; .ci/run installs it) on an exported file.</summary>
internal static class Hledger
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("hledger") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("hledger did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Account totals from <c>hledger balance -O csv --flat --no-total</c>, in <paramref name="commodity"/>.</summary>
    public static async Task<Dictionary<string, decimal>> BalancesAsync(string file, string commodity)
    {
        var (exit, output, error) = await RunAsync("-f", file, "balance", "-O", "csv", "--flat", "--no-total");
        Assert.True(exit == 0, $"hledger balance failed: {error}");
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1))
        {
            var cells = line.Split("\",\"");
            var account = cells[0].Trim('"');
            var amount = cells[1].Trim('"').Replace(commodity, "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
            totals[account] = decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture);
        }

        return totals;
    }
}
