using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// The root of the exceptions a journaled grain's callers can receive from the Parity journal. Serializable across
/// the wire; the storage's own exceptions never are (they stay in the silo's log).
/// </summary>
[GenerateSerializer]
[Alias("parity.journal.JournalException")]
public abstract class JournalException : OrleansException
{
    /// <summary>For the serializer.</summary>
    protected JournalException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="grainId">The grain whose journal failed.</param>
    /// <param name="reason">What went wrong, in a few words.</param>
    /// <param name="message">The full message.</param>
    protected JournalException(GrainId grainId, string reason, string message)
        : base(message)
    {
        GrainId = grainId;
        Reason = reason;
    }

    /// <summary>The grain whose journal failed.</summary>
    [Id(0)]
    public GrainId GrainId { get; private set; }

    /// <summary>What went wrong, in a few words.</summary>
    [Id(1)]
    public string Reason { get; private set; } = string.Empty;

    /// <summary>True: the call may be retried (with the same idempotency key); the grain reloads from its journal.</summary>
    public virtual bool IsRetryable => true;
}
