using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Parity.Dashboard.Hosting;

namespace Parity.Dashboard.Security;

/// <summary>
/// Counts failed sign-ins (wrong dashboard passwords, wrong API keys presented to the dashboard) per client address and
/// per account (the user name typed) in a fixed window (<see cref="CredentialThrottleOptions"/>). Past the limit of
/// either, attempts from that address or for that account are answered 429 with Retry-After without checking the
/// credential, until the window that counted them ends. The account's limit is higher than the address's, so one
/// guesser locks out only its own address, while guessing spread over many addresses still stops.
/// </summary>
internal sealed class CredentialThrottle(IOptions<DashboardOptions> options, TimeProvider time)
{
    // Bounds memory under a spray of addresses: expired windows are dropped once this many are held.
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>How long the caller must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string? address, string? account)
    {
        var o = options.Value.CredentialThrottle;
        var now = time.GetUtcNow();
        var byAddress = Blocked(AddressKey(address), o.MaxFailuresPerAddress, now);
        var byAccount = account is null ? null : Blocked(AccountKey(account), o.MaxFailuresPerAccount, now);
        return byAddress > byAccount ? byAddress : byAccount ?? byAddress;
    }

    /// <summary>Counts one failed attempt.</summary>
    public void RecordFailure(string? address, string? account)
    {
        var now = time.GetUtcNow();
        Count(AddressKey(address), now);
        if (account is not null)
        {
            Count(AccountKey(account), now);
        }

        if (_windows.Count > PruneAbove)
        {
            var window = options.Value.CredentialThrottle.Window;
            foreach (var (key, value) in _windows)
            {
                if (value.Start + window <= now)
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }
    }

    private TimeSpan? Blocked(string key, int limit, DateTimeOffset now)
    {
        var window = options.Value.CredentialThrottle.Window;
        return _windows.TryGetValue(key, out var w) && w.Start + window > now && w.Failures >= limit ? w.Start + window - now : null;
    }

    private void Count(string key, DateTimeOffset now)
    {
        var window = options.Value.CredentialThrottle.Window;
        _windows.AddOrUpdate(key, static (_, now) => new Window(now, 1),
            (_, w, now) => w.Start + window > now ? w with { Failures = w.Failures + 1 } : new Window(now, 1), now);
    }

    private static string AddressKey(string? address) => "address:" + address;

    private static string AccountKey(string account) => "account:" + account.ToUpperInvariant();

    private sealed record Window(DateTimeOffset Start, int Failures);
}

/// <summary>Limits on failed sign-ins to the dashboard (<c>Parity:Dashboard:CredentialThrottle</c>).</summary>
public sealed class CredentialThrottleOptions
{
    /// <summary>Failed attempts from one address per window before it is refused with 429.
    /// <value>The default value is 10.</value></summary>
    public int MaxFailuresPerAddress { get; set; } = 10;

    /// <summary>Failed attempts on one user name, from any address, per window before it is refused with 429.
    /// <value>The default value is 50.</value></summary>
    public int MaxFailuresPerAccount { get; set; } = 50;

    /// <summary>The window failures are counted in; a refused address or account may try again when it ends.
    /// <value>The default value is 5 minutes.</value></summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
