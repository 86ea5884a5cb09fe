namespace Parity.Runtime.Storage;

/// <summary>
/// Lineage carried by every journaled event (Principle 4): which channel request it came from
/// (<see cref="CorrelationId"/>), which command or event caused it (<see cref="CausationId"/>), and the
/// source system's own id for it (<see cref="SourceSystem"/>, <see cref="SourceEventId"/>).
/// </summary>
public sealed record EventMetadata(
    string? CorrelationId,
    string? CausationId,
    string? SourceSystem,
    string? SourceEventId,
    DateTimeOffset Timestamp);
