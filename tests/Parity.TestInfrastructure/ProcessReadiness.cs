using System.Diagnostics;

namespace Parity.TestInfrastructure;

/// <summary>Waits for a silo or gateway started as its own process to report ready.</summary>
public static class ProcessReadiness
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>Waits until <paramref name="ready"/> answers 2xx; fails with <paramref name="log"/> if
    /// <paramref name="process"/> exits first or <paramref name="timeout"/> runs out.</summary>
    public static async Task WaitUntilReadyAsync(Process process, Uri ready, string name, Func<string> log, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(log);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{name} exited with {process.ExitCode} before it was ready.\n{log()}");
                }

                try
                {
                    using var response = await s_http.GetAsync(ready, cancel.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!cancel.IsCancellationRequested)
                {
                    // One slow answer (the machine is busy starting the process); ask again.
                }

                await Task.Delay(100, cancel.Token);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"{name} was not ready within {timeout}.\n{log()}");
        }
    }
}
