using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// The events of a call could not be made durable: another activation of the grain wrote to its journal first
/// (<see cref="IsConflict"/>), or the journal storage failed. Nothing pending was applied or retried; the activation
/// deactivated itself, and the next call loads the grain afresh from its journal. Retryable: the caller retries the
/// call (with the same idempotency key), which then decides against the durable state.
/// </summary>
[GenerateSerializer]
[Alias("parity.journal.JournalWriteException")]
public sealed class JournalWriteException : JournalException
{
    /// <summary>For the serializer.</summary>
    public JournalWriteException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="grainId">The grain whose append failed.</param>
    /// <param name="isConflict">True when another activation wrote first.</param>
    /// <param name="reason">What went wrong, in a few words.</param>
    public JournalWriteException(GrainId grainId, bool isConflict, string reason)
        : base(grainId, reason,
            $"The journal of {grainId} did not confirm this call's events: {reason}. This activation applied none of them and " +
            "deactivates; the next call loads the grain from its journal, so the call can be retried (with its idempotency key).")
    {
        IsConflict = isConflict;
    }

    /// <summary>True when another activation of the grain wrote to its journal first (a conditional append lost).</summary>
    [Id(0)]
    public bool IsConflict { get; private set; }
}
