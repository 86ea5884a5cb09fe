namespace Parity.Providers.Journal;

/// <summary>One stored event of a grain's journal. Sequences start at 1 and have no gaps.</summary>
/// <param name="Sequence">Position in the grain's journal (the grain's version after this event).</param>
/// <param name="EventType">The event's runtime type name, for queries and dashboards.</param>
/// <param name="Payload">The event serialized as JSON.</param>
/// <param name="Metadata">Lineage of the event.</param>
public sealed record JournalEntry(long Sequence, string EventType, string Payload, EventMetadata Metadata);

/// <summary>A grain's state folded up to <paramref name="Version"/>, serialized as JSON.</summary>
/// <param name="Version">The journal sequence of the last event folded into <paramref name="Payload"/>.</param>
/// <param name="Payload">The state serialized as JSON.</param>
/// <param name="Timestamp">When the snapshot was taken.</param>
public sealed record JournalSnapshot(long Version, string Payload, DateTimeOffset Timestamp);
