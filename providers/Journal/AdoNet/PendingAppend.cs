using Orleans.Runtime;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>One grain's append waiting in (or written by) the coalescing writer.</summary>
internal sealed class PendingAppend
{
    public PendingAppend(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries)
    {
        GrainId = grainId;
        ExpectedVersion = expectedVersion;
        Entries = entries;
    }

    public GrainId GrainId { get; }

    public long ExpectedVersion { get; }

    public IReadOnlyList<JournalEntry> Entries { get; }

    // Continuations run off the writer loop so a slow caller cannot stall the next batch.
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
