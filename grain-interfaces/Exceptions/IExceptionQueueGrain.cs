using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Exceptions;

/// <summary>
/// The operator console's store of business exceptions (key <see cref="GlobalKey"/>). Journaled; reports with the same
/// trace key collapse into one exception; raising is idempotent by source event id. Each exception has an owner (by
/// category) and a status: Open → Retrying → Open or Resolved; a new report of a resolved trace key reopens it.
/// Retries are driven from outside (the gateway calls the source's <see cref="IExceptionSource.RetryAsync"/>) because
/// the source may raise into this grain while it retries.
/// </summary>
[Orleans.Alias("parity.exceptions.IExceptionQueueGrain")]
public interface IExceptionQueueGrain : IGrainWithStringKey
{
    /// <summary>The key of the one exception queue.</summary>
    public const string GlobalKey = "global";

    /// <summary>Raises (or adds to) an exception.</summary>
    /// <param name="report">The report.</param>
    /// <returns>True when the report added something; false when every source event id was known.</returns>
    [Orleans.Alias("Raise")]
    Task<bool> RaiseAsync(ExceptionReport report);

    /// <summary>Every exception held, oldest first; optionally only one category.</summary>
    /// <param name="category">The category, or null for all.</param>
    [Orleans.Alias("Get")]
    [AlwaysInterleave]
    Task<IReadOnlyList<ExceptionRecord>> GetAsync(ExceptionCategory? category = null);

    /// <summary>Exceptions matching every given filter, oldest first.</summary>
    [Orleans.Alias("Query")]
    [AlwaysInterleave]
    Task<IReadOnlyList<ExceptionRecord>> QueryAsync(ExceptionCategory? category, ExceptionOwner? owner, ExceptionStatus? status);

    /// <summary>One exception, or null.</summary>
    [Orleans.Alias("GetOne")]
    [AlwaysInterleave]
    Task<ExceptionRecord?> GetOneAsync(string traceKey);

    /// <summary>Resolves an exception by hand with a note. Resolving a resolved exception changes nothing.</summary>
    /// <exception cref="ExceptionNotFoundException">No exception has the trace key.</exception>
    [Orleans.Alias("Resolve")]
    Task<ExceptionRecord> ResolveAsync(string traceKey, string note);

    /// <summary>Marks a retry or replay as started (status Retrying).</summary>
    /// <exception cref="ExceptionNotFoundException">No exception has the trace key.</exception>
    [Orleans.Alias("BeginRetry")]
    Task<ExceptionRecord> BeginRetryAsync(string traceKey);

    /// <summary>Ends a retry the source refused before doing anything (bad edits): back to Open, no attempt counted.</summary>
    [Orleans.Alias("CancelRetry")]
    Task<ExceptionRecord> CancelRetryAsync(string traceKey);

    /// <summary>Records a retry's outcome: Resolved when it fixed the cause, Open otherwise.</summary>
    [Orleans.Alias("CompleteRetry")]
    Task<ExceptionRecord> CompleteRetryAsync(string traceKey, ExceptionRetryOutcome outcome);
}

/// <summary>No exception has the trace key asked for.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.exceptions.ExceptionNotFoundException")]
public sealed class ExceptionNotFoundException : ParityException
{
    /// <summary>Creates the exception.</summary>
    public ExceptionNotFoundException(string message) : base(message) { }
}
