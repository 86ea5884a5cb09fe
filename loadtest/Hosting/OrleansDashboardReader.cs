namespace Parity.LoadTest.Hosting;

/// <summary>
/// Reads the in-process silo's Orleans Dashboard once a second, as a browser left open on it does: the counters, the
/// cluster figures and the top grain methods. The dashboard's grain profiler collects only while it is read, so a
/// run with this reader pays what an operator watching the flash sale costs.
/// </summary>
internal sealed class OrleansDashboardReader : IAsyncDisposable
{
    /// <summary>Where the load test's host maps the Orleans Dashboard (as the silo does).</summary>
    public const string Route = "/dashboard/orleans";

    private static readonly string[] Paths = ["DashboardCounters", "ClusterStats", "TopGrainMethods"];

    private readonly HttpClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private OrleansDashboardReader(Uri baseAddress)
    {
        _client = new HttpClient { BaseAddress = new Uri(baseAddress, Route + "/"), Timeout = TimeSpan.FromSeconds(5) };
        _loop = ReadAsync(_stop.Token);
    }

    /// <summary>Reads answered (each a 2xx of one of the dashboard's JSON endpoints).</summary>
    public int Reads { get; private set; }

    /// <summary>Starts reading the dashboard of the host at <paramref name="baseAddress"/>.</summary>
    public static OrleansDashboardReader Start(Uri baseAddress) => new(baseAddress);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while a read or the wait was in progress.
        }

        _client.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach (var path in Paths)
            {
                try
                {
                    using var response = await _client.GetAsync(path, cancellationToken).ConfigureAwait(false);
                    if (response.IsSuccessStatusCode)
                    {
                        Reads++;
                    }
                }
                catch (HttpRequestException)
                {
                    // An overloaded host may not answer; the browser would just try again a second later.
                }
            }
        }
    }
}
