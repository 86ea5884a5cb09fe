using Orleans;

namespace Parity.GrainInterfaces.Exceptions;

/// <summary>A business exception raised by a grain for the operator console.</summary>
/// <param name="Category">What kind of problem, and so who owns it.</param>
/// <param name="TraceKey">Reports with the same trace key collapse into one exception.</param>
/// <param name="Message">A business-worded description.</param>
/// <param name="CorrelationId">Correlation id of the request that caused it, if known.</param>
/// <param name="SourceEventIds">The source events that caused it; a report whose ids are all known already changes nothing.</param>
/// <param name="Source">The grain that can retry it (<see cref="IExceptionSource"/>), if any.</param>
/// <param name="Channel">The channel it concerns, if known (for the reconciliation figures).</param>
[GenerateSerializer]
[Alias("parity.exceptions.ExceptionReport")]
public sealed record ExceptionReport(
    [property: Id(0)] ExceptionCategory Category,
    [property: Id(1)] string TraceKey,
    [property: Id(2)] string Message,
    [property: Id(3)] string? CorrelationId,
    [property: Id(4)] IReadOnlyList<string> SourceEventIds,
    [property: Id(5)] ExceptionSourceRef? Source = null,
    [property: Id(6)] string? Channel = null);

/// <summary>Names the grain that raised an exception and can retry it.</summary>
/// <param name="Kind">The source kind registered in <see cref="ExceptionSources"/> (e.g. <c>settlement-batch</c>).</param>
/// <param name="Key">The grain's key.</param>
[GenerateSerializer]
[Alias("parity.exceptions.ExceptionSourceRef")]
public sealed record ExceptionSourceRef([property: Id(0)] string Kind, [property: Id(1)] string Key);
