using Parity.Runtime;

namespace Parity.GrainInterfaces.Exceptions;

/// <summary>
/// Where grains raise business exceptions (key <see cref="GlobalKey"/>) until the operator console exists.
/// Journaled; reports with the same trace key collapse into one exception; raising is idempotent by source event id.
/// </summary>
public interface IExceptionQueueGrain : IGrainWithStringKey
{
    /// <summary>The key of the one exception queue.</summary>
    public const string GlobalKey = "global";

    /// <summary>Raises (or adds to) an exception.</summary>
    /// <param name="report">The report.</param>
    /// <returns>True when the report added something; false when every source event id was known.</returns>
    Task<bool> RaiseAsync(ExceptionReport report);

    /// <summary>Every exception held, oldest first; optionally only one category.</summary>
    /// <param name="category">The category, or null for all.</param>
    [AlwaysInterleave]
    Task<IReadOnlyList<ExceptionRecord>> GetAsync(ExceptionCategory? category = null);
}
