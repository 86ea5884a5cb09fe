using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Parity.TestInfrastructure;

namespace Parity.Cluster.Tests.Processes;

/// <summary>
/// A silo running as its own process from the silo project's build output (<c>dotnet Parity.Silo.dll</c>), configured
/// by environment variables only, as an operator configures it (<c>Parity__Storage__Provider</c>,
/// <c>Parity__Cluster__SiloPort</c>, ...), on loopback ports chosen by the test (<see cref="SiloPorts"/>). Every
/// process started here is killed when the test or the test process ends, whatever happened.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> s_running = new();
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    static SiloProcess() => AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
    {
        foreach (var process in s_running.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    };

    private SiloProcess(string name, SiloPorts ports, Process process)
    {
        Name = name;
        Ports = ports;
        _process = process;
    }

    public string Name { get; }

    public SiloPorts Ports { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far (for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static string SiloAssemblyPath
    {
        get
        {
            var path = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .First(a => a.Key == "SiloAssemblyPath").Value!;
            return File.Exists(path) ? path : throw new FileNotFoundException($"The silo was not built at {path}; build the test project (it builds the silo first).", path);
        }
    }

    /// <summary>
    /// Starts a silo on <paramref name="ports"/>; <paramref name="environment"/> is the rest of its configuration
    /// (storage, cluster id, data directory).
    /// </summary>
    public static SiloProcess Start(string name, SiloPorts ports, IReadOnlyDictionary<string, string> environment)
    {
        var start = StartInfo(environment);
        start.Environment["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ports.Http}");
        start.Environment["Parity__Cluster__SiloPort"] = ports.Silo.ToString(CultureInfo.InvariantCulture);
        start.Environment["Parity__Cluster__GatewayPort"] = ports.Gateway.ToString(CultureInfo.InvariantCulture);
        start.Environment["Parity__Cluster__AdvertisedIPAddress"] = "127.0.0.1";
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, ports, process);
        process.OutputDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.Start();
        s_running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>
    /// Runs the silo's <c>migrate</c> verb (<c>dotnet Parity.Silo.dll migrate</c>) with <paramref name="environment"/>
    /// as its configuration and waits for it to exit: what an operator runs before starting a cluster's silos.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunMigrateAsync(IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = StartInfo(environment);
        start.ArgumentList.Add("migrate");
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        s_running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"migrate did not exit within {timeout}.\n{output}");
        }
        finally
        {
            s_running.TryRemove(process.Id, out _);
        }

        // WaitForExitAsync also waits for the redirected streams to reach their end.
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails with the log if the process exits or time runs out.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) => ProcessReadiness.WaitUntilReadyAsync(
        _process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Ports.Http}/health/ready")), Name, () => Log, timeout);

    /// <summary>Waits for the process to exit on its own (a refused start); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout}.\n{Log}");
        }

        s_running.TryRemove(_process.Id, out _);
        return _process.ExitCode;
    }

    /// <summary>kill -9: the process dies without running anything.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        s_running.TryRemove(_process.Id, out _);
    }

    /// <summary>SIGTERM, then waits for the process to exit on its own (a graceful shutdown).</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await WaitForExitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        s_running.TryRemove(_process.Id, out _);
        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment)
    {
        var dll = SiloAssemblyPath;
        var start = new ProcessStartInfo("dotnet")
        {
            // The build output holds appsettings.json; the content root is the working directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);

        // Workstation GC: several silos share two cores with the test.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private void OnOutput(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}
