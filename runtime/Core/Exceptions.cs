namespace Parity.Runtime;

/// <summary>Root of every exception the Parity runtime raises.</summary>
public class ParityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ParityException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>
/// A failure that is safe to retry: the call had no effect that was acknowledged, or its effect is
/// idempotent. Clients retry these with backoff; the gateway maps them to 503 with Retry-After.
/// </summary>
public class RetryableException : ParityException
{
    /// <summary>Creates the exception.</summary>
    public RetryableException(string message, Exception? inner = null, TimeSpan? retryAfter = null) : base(message, inner)
        => RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1);

    /// <summary>How long the caller should wait before retrying.</summary>
    public TimeSpan RetryAfter { get; }
}

/// <summary>A grain's mailbox is over its bound; the call was not queued.</summary>
public sealed class GrainOverloadedException : RetryableException
{
    /// <summary>Creates the exception.</summary>
    public GrainOverloadedException(GrainId grainId, int queued, int bound)
        : base($"Grain {grainId} is overloaded: {queued} requests are queued (bound {bound}). Retry later.", null, TimeSpan.FromMilliseconds(200))
    {
        GrainId = grainId;
        Queued = queued;
        Bound = bound;
    }

    /// <summary>The overloaded grain.</summary>
    public GrainId GrainId { get; }

    /// <summary>Requests queued when the call was refused.</summary>
    public int Queued { get; }

    /// <summary>The configured mailbox bound.</summary>
    public int Bound { get; }
}

/// <summary>A call did not complete before its deadline.</summary>
public sealed class GrainCallTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public GrainCallTimeoutException(GrainId grainId, string method, TimeSpan timeout)
        : base($"Call to {grainId}.{method} timed out after {timeout.TotalMilliseconds:0} ms.")
    {
        GrainId = grainId;
        Method = method;
        Timeout = timeout;
    }

    /// <summary>The grain that did not answer in time.</summary>
    public GrainId GrainId { get; }

    /// <summary>The method called.</summary>
    public string Method { get; }

    /// <summary>The timeout that elapsed.</summary>
    public TimeSpan Timeout { get; }
}

/// <summary>
/// A non-reentrant call cycle (A→B→A) was found in the call chain; the call would wait for itself
/// forever, so it fails at once.
/// </summary>
public sealed class DeadlockException : ParityException
{
    /// <summary>Creates the exception.</summary>
    public DeadlockException(GrainId target, IReadOnlyList<GrainId> callChain)
        : base($"Deadlock: {target} is already in the call chain {string.Join(" -> ", callChain)} and is not reentrant.")
    {
        Target = target;
        CallChain = callChain;
    }

    /// <summary>The grain that would have been re-entered.</summary>
    public GrainId Target { get; }

    /// <summary>The chain of grains the call passed through.</summary>
    public IReadOnlyList<GrainId> CallChain { get; }
}

/// <summary>The silo a call was sent to is dead, stopping or unreachable.</summary>
public sealed class SiloUnavailableException : RetryableException
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException(string silo, string reason, Exception? inner = null)
        : base($"Silo {silo} is unavailable: {reason}", inner, TimeSpan.FromMilliseconds(100))
        => Silo = silo;

    /// <summary>The silo that could not be reached.</summary>
    public string Silo { get; }
}

/// <summary>
/// A conditional write lost: the stored version is not the one this activation read. Another
/// activation of the grain wrote first (or the state was changed elsewhere). The activation is
/// reloaded or deactivated; the caller may retry.
/// </summary>
public sealed class InconsistentStateException : RetryableException
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message, string? storedVersion, string? expectedVersion, Exception? inner = null)
        : base(message, inner, TimeSpan.FromMilliseconds(50))
    {
        StoredVersion = storedVersion;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The version found in storage, when known.</summary>
    public string? StoredVersion { get; }

    /// <summary>The version this writer expected.</summary>
    public string? ExpectedVersion { get; }
}

/// <summary>
/// Events raised by a call could not be made durable (a storage failure or a lost conditional append).
/// Nothing the call did is acknowledged; the grain reloads its state from storage before its next turn.
/// </summary>
public sealed class JournalWriteException : RetryableException
{
    /// <summary>Creates the exception.</summary>
    public JournalWriteException(GrainId grainId, string reason, Exception? inner = null)
        : base($"Events of {grainId} were not made durable: {reason}", inner, TimeSpan.FromMilliseconds(50))
        => GrainId = grainId;

    /// <summary>The grain whose append failed.</summary>
    public GrainId GrainId { get; }
}

/// <summary>A storage provider failed for a reason other than a version conflict.</summary>
public sealed class StorageException : RetryableException
{
    /// <summary>Creates the exception.</summary>
    public StorageException(string message, Exception? inner = null) : base(message, inner) { }
}
