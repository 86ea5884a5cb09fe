using Orleans;

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
/// <param name="TransactionType">The transaction type its report named (<see cref="ExceptionReport.TransactionType"/>);
/// null: the category's.</param>
[GenerateSerializer]
[Alias("parity.exceptions.ExceptionRecord")]
public sealed record ExceptionRecord(
    [property: Id(0)] ExceptionCategory Category,
    [property: Id(1)] string TraceKey,
    [property: Id(2)] string Message,
    [property: Id(3)] IReadOnlyList<string> CorrelationIds,
    [property: Id(4)] IReadOnlyList<string> SourceEventIds,
    [property: Id(5)] int Occurrences,
    [property: Id(6)] DateTimeOffset FirstRaisedAt,
    [property: Id(7)] DateTimeOffset LastRaisedAt,
    [property: Id(8)] ExceptionOwner Owner = ExceptionOwner.It,
    [property: Id(9)] ExceptionStatus Status = ExceptionStatus.Open,
    [property: Id(10)] ExceptionSourceRef? Source = null,
    [property: Id(11)] string? Channel = null,
    [property: Id(12)] DateTimeOffset? ResolvedAt = null,
    [property: Id(13)] string? Resolution = null,
    [property: Id(14)] int Attempts = 0,
    [property: Id(15)] string? LastAttempt = null,
    [property: Id(16)] string? TransactionType = null);
