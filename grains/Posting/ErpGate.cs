namespace Parity.Grains.Posting;

/// <summary>
/// The silo's view of one ERP, shared by every posting grain on the silo: a token bucket that keeps the silo
/// within the ERP's rate limit, and a circuit breaker that stops calls during an outage (closed → open after
/// N transient failures in a row → one probe after the break → closed on success, open again on failure).
/// Thread-safe; time comes from the caller so that tests control it.
/// </summary>
public sealed class ErpGate
{
    private readonly Lock _lock = new();
    private readonly ErpPostingOptions _options;
    private double _tokens;
    private DateTimeOffset _refilledAt = DateTimeOffset.MinValue;
    private int _failures;
    private DateTimeOffset? _openUntil;
    private DateTimeOffset? _probeUntil;

    /// <summary>Creates a gate with a full bucket and a closed circuit.</summary>
    public ErpGate(ErpPostingOptions options)
    {
        _options = options;
        _tokens = options.Burst;
    }

    /// <summary>True while the circuit is open or half-open (the ERP is considered down).</summary>
    public bool CircuitOpen
    {
        get
        {
            lock (_lock)
            {
                return _openUntil is not null;
            }
        }
    }

    /// <summary>Transient failures in a row.</summary>
    public int ConsecutiveFailures
    {
        get
        {
            lock (_lock)
            {
                return _failures;
            }
        }
    }

    /// <summary>
    /// Asks to send one journal now: zero when allowed (a token is taken; in a half-open circuit this caller is the
    /// probe), otherwise how long to wait before asking again.
    /// </summary>
    public TimeSpan TryAcquire(DateTimeOffset now)
    {
        lock (_lock)
        {
            if (_openUntil is { } openUntil)
            {
                if (now < openUntil)
                {
                    return openUntil - now;
                }

                if (_probeUntil is { } probeUntil && now < probeUntil)
                {
                    // Someone else is probing; its answer closes or reopens the circuit.
                    return probeUntil - now;
                }
            }

            Refill(now);
            if (_tokens < 1)
            {
                return TimeSpan.FromSeconds((1 - _tokens) / _options.RatePerSecond);
            }

            _tokens -= 1;
            if (_openUntil is not null)
            {
                _probeUntil = now + _options.RequestTimeout;
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>The ERP answered (posted, duplicate or a business rejection): it is up.</summary>
    public void Success()
    {
        lock (_lock)
        {
            _failures = 0;
            _openUntil = null;
            _probeUntil = null;
        }
    }

    /// <summary>The ERP is over its rate limit: take every token so the whole silo slows down.</summary>
    public void Throttled(DateTimeOffset now, TimeSpan? retryAfter)
    {
        lock (_lock)
        {
            Refill(now);
            var debt = (retryAfter ?? TimeSpan.Zero).TotalSeconds * _options.RatePerSecond;
            _tokens = Math.Min(_tokens, 1 - Math.Max(1, debt));
            _probeUntil = null;
        }
    }

    /// <summary>A transient failure; true when it opened the circuit (the ERP is now considered down).</summary>
    public bool Failure(DateTimeOffset now)
    {
        lock (_lock)
        {
            _failures++;
            _probeUntil = null;
            if (_openUntil is not null)
            {
                // A failed probe: stay open for another break.
                _openUntil = now + _options.CircuitBreakDuration;
                return false;
            }

            if (_failures >= _options.CircuitFailureThreshold)
            {
                _openUntil = now + _options.CircuitBreakDuration;
                return true;
            }

            return false;
        }
    }

    private void Refill(DateTimeOffset now)
    {
        if (_refilledAt == DateTimeOffset.MinValue)
        {
            _refilledAt = now;
        }
        else if (now > _refilledAt)
        {
            _tokens = Math.Min(_options.Burst, _tokens + (now - _refilledAt).TotalSeconds * _options.RatePerSecond);
            _refilledAt = now;
        }
    }
}
