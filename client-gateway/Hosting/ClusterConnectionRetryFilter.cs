using Orleans;

namespace Parity.Gateway.Hosting;

/// <summary>
/// Keeps a gateway process trying to reach its cluster for as long as it runs, a fixed delay apart: a gateway started
/// before the silos (or cut off from them) answers 503 and not-ready meanwhile, instead of giving up after Orleans'
/// default 15 attempts and leaving a process that will never serve.
/// </summary>
internal sealed partial class ClusterConnectionRetryFilter(ClusterClientSettings settings, TimeProvider timeProvider, ILogger<ClusterConnectionRetryFilter> logger)
    : IClientConnectionRetryFilter
{
    private long _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        var attempt = Interlocked.Increment(ref _attempts);
        LogAttemptFailed(logger, attempt, settings.Describe(), settings.ConnectRetryDelay, exception.GetType().Name, exception.Message);
        await Task.Delay(settings.ConnectRetryDelay, timeProvider, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attempt {Attempt} to reach {Cluster} failed ({ErrorType}: {Error}); retrying in {Delay}")]
    private static partial void LogAttemptFailed(ILogger logger, long attempt, string cluster, TimeSpan delay, string errorType, string error);
}
