using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Parity.TestInfrastructure;

namespace Parity.Erp.Tests.Testing;

/// <summary>
/// The built silo as a process of its own (<c>dotnet Parity.Silo.dll</c>, the gateway co-hosted) on the default embedded
/// SQLite store in a data directory the test owns, configured by environment variables as an operator configures it, so
/// a test can <c>kill -9</c> it and start it again on the same data. Its HTTP, silo and client-gateway ports are chosen
/// once and kept across restarts (the clients keep their address). Every process started here is killed when the test
/// process ends, whatever happened.
/// </summary>
internal sealed class SiloServer : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> s_running = new();
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StringBuilder _log = new();
    private readonly int _siloPort;
    private readonly int _gatewayPort;
    private Process? _process;
    private IHost? _client;

    static SiloServer() => AppDomain.CurrentDomain.ProcessExit += static (_, _) =>
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

    private SiloServer(IReadOnlyDictionary<string, string> environment)
    {
        var ports = FreePorts.Take(3);
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ports[0]}/"));
        _siloPort = ports[1];
        _gatewayPort = ports[2];
        _environment = environment;
    }

    /// <summary>The co-hosted gateway's address.</summary>
    public Uri BaseAddress { get; }

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Everything the processes wrote so far (for failure messages).</summary>
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

    /// <summary>An Orleans client of the running silo, for what no HTTP endpoint shows (the ERP posting queue).</summary>
    public IGrainFactory Grains => (_client ?? throw new InvalidOperationException("No client: call ConnectAsync first.")).Services.GetRequiredService<IClusterClient>();

    private static string AssemblyPath
    {
        get
        {
            var path = typeof(SiloServer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "SiloAssemblyPath").Value!;
            return File.Exists(path) ? path : throw new FileNotFoundException($"The silo was not built at {path}; build this test project (it builds the silo first).", path);
        }
    }

    /// <summary>
    /// Starts the silo with <paramref name="environment"/> (the configuration: <c>Parity__DataDirectory</c>, API keys,
    /// ...) besides the ports, and waits until <c>/health/ready</c> answers.
    /// </summary>
    public static async Task<SiloServer> StartAsync(IReadOnlyDictionary<string, string> environment, TimeSpan readyWithin)
    {
        var silo = new SiloServer(environment);
        await silo.RestartAsync(readyWithin);
        return silo;
    }

    /// <summary>Starts the process again on the same data and ports (after <see cref="KillAsync"/>) and waits until ready.</summary>
    public async Task RestartAsync(TimeSpan readyWithin)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The silo is still running.");
        }

        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet")
        {
            // The build output holds appsettings.json; the content root is the working directory.
            WorkingDirectory = Path.GetDirectoryName(AssemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);

        // Nothing of the test runner's environment decides where the silo keeps its data; workstation GC on two cores.
        start.Environment.Remove("PARITY_DATA_DIR");
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Urls"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Parity__Cluster__SiloPort"] = _siloPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Parity__Cluster__GatewayPort"] = _gatewayPort.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        s_running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        Append($"--- start {Starts} (pid {process.Id}) ---");
        await WaitUntilReadyAsync(readyWithin);
    }

    /// <summary>kill -9: the process dies without running anything (no shutdown, no flush). The client goes with it.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("Not started.");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        s_running.TryRemove(process.Id, out _);
        await DisconnectAsync();
    }

    /// <summary>Connects an Orleans client to the silo's client gateway (static clustering, the silo's default cluster id).</summary>
    public async Task ConnectAsync()
    {
        await DisconnectAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, _gatewayPort));
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = "parity-local";
                options.ServiceId = "parity";
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        _client = host;
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            s_running.TryRemove(process.Id, out _);
            process.Dispose();
        }
    }

    private async Task DisconnectAsync()
    {
        if (_client is { } client)
        {
            _client = null;
            try
            {
                await client.StopAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            finally
            {
                client.Dispose();
            }
        }
    }

    private Task WaitUntilReadyAsync(TimeSpan timeout) =>
        ProcessReadiness.WaitUntilReadyAsync(_process!, new Uri(BaseAddress, "health/ready"), "The silo", () => Log, timeout);

    private void Append(string? line)
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
