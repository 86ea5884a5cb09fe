namespace Parity.Runtime.Storage;

/// <summary>One stored event of a grain's journal. Sequences start at 1 and have no gaps.</summary>
/// <param name="Sequence">Position in the grain's journal.</param>
/// <param name="EventType">The event's type discriminator, for queries and dashboards.</param>
/// <param name="Payload">The event serialized as JSON.</param>
/// <param name="Metadata">Lineage of the event.</param>
public sealed record JournalEntry(long Sequence, string EventType, string Payload, EventMetadata Metadata);

/// <summary>A grain's state folded up to <paramref name="Version"/>, serialized as JSON.</summary>
public sealed record JournalSnapshot(long Version, string Payload, DateTimeOffset Timestamp);
