namespace Parity.GrainInterfaces.Exceptions;

/// <summary>An open exception as the queue holds it: the reports of one trace key, collapsed.</summary>
/// <param name="Category">What kind of problem.</param>
/// <param name="TraceKey">What the reports have in common.</param>
/// <param name="Message">Message of the latest report.</param>
/// <param name="CorrelationIds">Correlation ids of the reports, oldest first, without repeats.</param>
/// <param name="SourceEventIds">Source events of the reports, oldest first, without repeats.</param>
/// <param name="Occurrences">Reports that brought a new source event.</param>
/// <param name="FirstRaisedAt">When the first report arrived.</param>
/// <param name="LastRaisedAt">When the latest report arrived.</param>
public sealed record ExceptionRecord(
    ExceptionCategory Category,
    string TraceKey,
    string Message,
    IReadOnlyList<string> CorrelationIds,
    IReadOnlyList<string> SourceEventIds,
    int Occurrences,
    DateTimeOffset FirstRaisedAt,
    DateTimeOffset LastRaisedAt);
