using System.Diagnostics;
using System.Reflection;

namespace Parity.Silo.Tests.Testing;

/// <summary>The built silo run as its own process (<c>dotnet Parity.Silo.dll ...</c>) from its output directory, for
/// what only a command line shows: the verb, the exit code, what it writes.</summary>
internal static class SiloProcess
{
    public static string AssemblyPath
    {
        get
        {
            var path = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "SiloAssemblyPath").Value!;
            return File.Exists(path) ? path : throw new FileNotFoundException($"The silo was not built at {path}; build this test project (it builds the silo).", path);
        }
    }

    /// <summary>Runs the silo with <paramref name="args"/> and <paramref name="environment"/> until it exits.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Nothing of the test runner's environment decides where the silo keeps its data.
        start.Environment.Remove("PARITY_DATA_DIR");
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The silo did not exit within {timeout}.\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }
}
