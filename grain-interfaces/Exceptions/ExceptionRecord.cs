namespace Parity.GrainInterfaces.Exceptions;

/// <summary>An exception as the queue holds it: the reports of one trace key, collapsed.</summary>
/// <param name="Category">What kind of problem.</param>
/// <param name="TraceKey">What the reports have in common.</param>
/// <param name="Message">Message of the latest report.</param>
/// <param name="CorrelationIds">Correlation ids of the reports, oldest first, without repeats.</param>
/// <param name="SourceEventIds">Source events of the reports, oldest first, without repeats.</param>
/// <param name="Occurrences">Reports that brought a new source event.</param>
/// <param name="FirstRaisedAt">When the first report arrived.</param>
/// <param name="LastRaisedAt">When the latest report arrived.</param>
/// <param name="Owner">Who works it (from the category).</param>
/// <param name="Status">Open, Retrying or Resolved.</param>
/// <param name="Source">The grain that can retry it, if any.</param>
/// <param name="Channel">The channel it concerns, if known.</param>
/// <param name="ResolvedAt">When it was resolved.</param>
/// <param name="Resolution">The note it was resolved with.</param>
/// <param name="Attempts">Retries and replays so far.</param>
/// <param name="LastAttempt">What the latest retry or replay said.</param>
public sealed record ExceptionRecord(
    ExceptionCategory Category,
    string TraceKey,
    string Message,
    IReadOnlyList<string> CorrelationIds,
    IReadOnlyList<string> SourceEventIds,
    int Occurrences,
    DateTimeOffset FirstRaisedAt,
    DateTimeOffset LastRaisedAt,
    ExceptionOwner Owner = ExceptionOwner.It,
    ExceptionStatus Status = ExceptionStatus.Open,
    ExceptionSourceRef? Source = null,
    string? Channel = null,
    DateTimeOffset? ResolvedAt = null,
    string? Resolution = null,
    int Attempts = 0,
    string? LastAttempt = null);
