namespace Parity.Grains.Posting;

/// <summary>
/// How long a posting grain waits after the ERP failed transiently: exponential from
/// <see cref="ErpPostingOptions.FirstRetryDelay"/> up to <see cref="ErpPostingOptions.MaxRetryDelay"/>, with "equal
/// jitter" (half the delay fixed, half random) so that the retries of many grains spread out, and never shorter than
/// the ERP's Retry-After. A plain function of its inputs, so tests can pin the random draw.
/// </summary>
public static class ErpBackoff
{
    /// <summary>The delay after <paramref name="failures"/> failed attempts in a row.</summary>
    /// <param name="failures">Failed attempts in a row, at least 1.</param>
    /// <param name="retryAfter">The ERP's Retry-After, when it sent one.</param>
    /// <param name="options">First and largest delay.</param>
    /// <param name="random">A number in [0, 1) drawn by the caller: the jitter.</param>
    public static TimeSpan Delay(int failures, TimeSpan? retryAfter, ErpPostingOptions options, double random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        var exponent = Math.Min(failures - 1, 20);
        var full = Math.Min(options.MaxRetryDelay.TotalMilliseconds, options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var delay = TimeSpan.FromMilliseconds(full / 2 + (random * full / 2));
        return retryAfter is { } after && after > delay ? after : delay;
    }
}
