using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// A journaled grain could not load its state: the journal storage failed, or the stored journal or snapshot cannot
/// be read (a gap, or JSON that does not fit the grain's types). The activation failed; the call can be retried.
/// </summary>
[GenerateSerializer]
[Alias("parity.journal.JournalReadException")]
public sealed class JournalReadException : JournalException
{
    /// <summary>For the serializer.</summary>
    public JournalReadException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="grainId">The grain whose journal could not be read.</param>
    /// <param name="reason">What went wrong, in a few words.</param>
    public JournalReadException(GrainId grainId, string reason)
        : base(grainId, reason, $"The journal of {grainId} could not be read: {reason}.")
    {
    }
}
