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
/// <param name="TransactionType">The transaction type whose exception rate counts it in the reconciliation figures
/// (<c>order</c>, <c>store-sale</c>, <c>payment</c>, <c>settlement-line</c>, <c>posting</c>); null: the category's.
/// <see cref="TransactionTypes.Reservation"/> (a reservation no order holds, such as a cart) is in no rate.</param>
[GenerateSerializer]
[Alias("parity.exceptions.ExceptionReport")]
public sealed record ExceptionReport(
    [property: Id(0)] ExceptionCategory Category,
    [property: Id(1)] string TraceKey,
    [property: Id(2)] string Message,
    [property: Id(3)] string? CorrelationId,
    [property: Id(4)] IReadOnlyList<string> SourceEventIds,
    [property: Id(5)] ExceptionSourceRef? Source = null,
    [property: Id(6)] string? Channel = null,
    [property: Id(7)] string? TransactionType = null);

/// <summary>Transaction types an exception may name instead of its category's.</summary>
public static class TransactionTypes
{
    /// <summary>A reservation no order in Parity holds (a channel's cart, or an order Parity never received): its
    /// exceptions are raised for a person but belong to no order, so no order exception rate counts them.</summary>
    public const string Reservation = "reservation";
}

/// <summary>Names the grain that raised an exception and can retry it.</summary>
/// <param name="Kind">The source kind registered in <see cref="ExceptionSources"/> (e.g. <c>settlement-batch</c>).</param>
/// <param name="Key">The grain's key.</param>
[GenerateSerializer]
[Alias("parity.exceptions.ExceptionSourceRef")]
public sealed record ExceptionSourceRef([property: Id(0)] string Kind, [property: Id(1)] string Key);
