using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Parity.Cluster.Tests.Processes;

/// <summary>
/// A silo running as its own process from the silo project's build output (<c>dotnet Parity.Silo.dll</c>),
/// configured by environment variables, on ports it chooses itself (HTTP and silo port 0, read back from its
/// log). Every process started here is killed when the test process exits, whatever happened.
/// </summary>
internal sealed partial class SiloProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> s_running = new();
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<string> _httpUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _siloPort = new(TaskCreationOptions.RunContinuationsAsynchronously);

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

    private SiloProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The silo's address (<c>host:port@generation</c>) as its ready endpoint reported it.</summary>
    public string Address { get; private set; } = "";

    public int SiloPort => _siloPort.Task.IsCompletedSuccessfully ? _siloPort.Task.Result : throw new InvalidOperationException($"{Name} has not reported its silo port.");

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

    /// <summary>Starts a silo; <paramref name="environment"/> is its configuration (<c>Parity__Storage__Provider</c>, ...).</summary>
    public static SiloProcess Start(string name, IReadOnlyDictionary<string, string> environment)
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
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Silo__SiloPort"] = "0";
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(name, process);
        process.OutputDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.Start();
        s_running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails with the log if the process exits or time runs out.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var exited = _process.WaitForExitAsync(cancel.Token);
            var url = await Task.WhenAny(_httpUrl.Task, exited).WaitAsync(cancel.Token);
            if (url == exited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before listening.\n{Log}");
            }

            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready.\n{Log}");
                }

                try
                {
                    using var response = await s_http.GetAsync(new Uri(new Uri(_httpUrl.Task.Result), "/health/ready"), cancel.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        var body = await response.Content.ReadAsStringAsync(cancel.Token);
                        Address = ReadyAddress().Match(body).Groups[1].Value;
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(100, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name} was not ready within {timeout}.\n{Log}");
        }
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
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout} of SIGTERM.\n{Log}");
        }

        s_running.TryRemove(_process.Id, out _);
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

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (!_httpUrl.Task.IsCompleted && HttpListening().Match(line) is { Success: true } http)
        {
            _httpUrl.TrySetResult(http.Groups[1].Value);
        }

        if (!_siloPort.Task.IsCompleted && SiloListening().Match(line) is { Success: true } silo)
        {
            _siloPort.TrySetResult(int.Parse(silo.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://[^\s]+)")]
    private static partial Regex HttpListening();

    [GeneratedRegex(@"Silo listens on [^\s]+:(\d+)")]
    private static partial Regex SiloListening();

    [GeneratedRegex("\"silo\":\"([^\"]+)\"")]
    private static partial Regex ReadyAddress();
}
