namespace Parity.Providers.Journal;

/// <summary>
/// Lineage carried by every journaled event: which channel request it came from (<see cref="CorrelationId"/>),
/// which command or event caused it (<see cref="CausationId"/>), the source system's own id for it
/// (<see cref="SourceSystem"/>, <see cref="SourceEventId"/>), and when it was raised (<see cref="Timestamp"/>, from the
/// silo's clock). Stored in the journal's lineage columns.
/// </summary>
/// <param name="CorrelationId">The id tying together everything one channel request caused.</param>
/// <param name="CausationId">The id of the command or event that caused this event.</param>
/// <param name="SourceSystem">The system the fact came from (e.g. <c>pos</c>, <c>shopify</c>).</param>
/// <param name="SourceEventId">That system's id for the fact.</param>
/// <param name="Timestamp">When the event was raised (microsecond precision once stored).</param>
public sealed record EventMetadata(
    string? CorrelationId,
    string? CausationId,
    string? SourceSystem,
    string? SourceEventId,
    DateTimeOffset Timestamp);
