using Orleans;

namespace Parity.GrainInterfaces.Reconciliation;

/// <summary>
/// The figures finance asks for, per channel and day (domain.md). A figure nobody feeds yet is null and named in
/// <see cref="Unavailable"/> with the reason, never a made-up zero.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Date">The day (UTC).</param>
/// <param name="OrdersCaptured">Orders the channel took in that day (placed, by their placed-at UTC day), whether their
/// payment is captured then, later, or never by us (marketplaces pay through their settlement).</param>
/// <param name="PaymentsCaptured">Orders whose payment was captured that day (the providers' receivables).</param>
/// <param name="PostedToErp">Journals posted to the ERP that day.</param>
/// <param name="Settled">Orders whose payment was captured that day that a settlement has since paid.</param>
/// <param name="ShareAutomaticallyPosted">Journals posted without a person / journals posted. A journal needed a person
/// when someone acted on an exception on its way to the ERP (a settlement line matched or sent to suspense from the
/// console, a held fact retried, a rejected journal requeued) or asked for it (a reversal).</param>
/// <param name="ExceptionRates">Exceptions raised that day per transaction type ÷ that day's transactions of the type.</param>
/// <param name="SyncLatency">Event-to-ERP latency of journals posted that day.</param>
/// <param name="DuplicateRate">Duplicates suppressed / journals posted.</param>
/// <param name="ExceptionResolution">How long the day's exceptions took to resolve.</param>
/// <param name="SettlementMatchRate">Settlement lines of the day's batches matched / lines needing an order.</param>
/// <param name="ProvisionalReceivables">Captures of the channel not yet settled, by provider and age, now.</param>
/// <param name="Unavailable">Figure → why it is null.</param>
[GenerateSerializer]
[Alias("parity.reconciliation.ReconciliationFigures")]
public sealed record ReconciliationFigures(
    [property: Id(0)] string Channel,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] int OrdersCaptured,
    [property: Id(3)] int PaymentsCaptured,
    [property: Id(4)] int? PostedToErp,
    [property: Id(5)] int Settled,
    [property: Id(6)] double? ShareAutomaticallyPosted,
    [property: Id(7)] IReadOnlyList<ExceptionRate> ExceptionRates,
    [property: Id(8)] LatencyFigures? SyncLatency,
    [property: Id(9)] double? DuplicateRate,
    [property: Id(10)] ResolutionFigures ExceptionResolution,
    [property: Id(11)] double? SettlementMatchRate,
    [property: Id(12)] IReadOnlyList<ProvisionalReceivable> ProvisionalReceivables,
    [property: Id(13)] IReadOnlyDictionary<string, string> Unavailable);

/// <summary>Exceptions of one transaction type.</summary>
/// <param name="TransactionType">order (orders placed), store-sale (POS tickets recorded), payment (payments captured),
/// settlement-line (settlement lines needing an order) or posting (journals posted to the ERP).</param>
/// <param name="Exceptions">Exceptions raised.</param>
/// <param name="Transactions">Transactions of the type, when counted.</param>
/// <param name="Rate">Exceptions / transactions, when both are known and transactions &gt; 0.</param>
[GenerateSerializer]
[Alias("parity.reconciliation.ExceptionRate")]
public sealed record ExceptionRate(
    [property: Id(0)] string TransactionType,
    [property: Id(1)] int Exceptions,
    [property: Id(2)] int? Transactions,
    [property: Id(3)] double? Rate);

/// <summary>Latency percentiles in milliseconds.</summary>
/// <param name="P50">Median.</param>
/// <param name="P99">99th percentile.</param>
/// <param name="Samples">How many.</param>
[GenerateSerializer]
[Alias("parity.reconciliation.LatencyFigures")]
public sealed record LatencyFigures(
    [property: Id(0)] double P50,
    [property: Id(1)] double P99,
    [property: Id(2)] int Samples);

/// <summary>Time to resolve exceptions.</summary>
/// <param name="Raised">Exceptions raised that day.</param>
/// <param name="Resolved">Of those, resolved.</param>
/// <param name="MedianMinutes">Median minutes from raised to resolved, when any is resolved.</param>
/// <param name="MaxMinutes">Longest, when any is resolved.</param>
[GenerateSerializer]
[Alias("parity.reconciliation.ResolutionFigures")]
public sealed record ResolutionFigures(
    [property: Id(0)] int Raised,
    [property: Id(1)] int Resolved,
    [property: Id(2)] double? MedianMinutes,
    [property: Id(3)] double? MaxMinutes);

/// <summary>Unsettled captures of one provider, age and currency.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="Age">Age bucket.</param>
/// <param name="Currency">Currency.</param>
/// <param name="Count">Captures.</param>
/// <param name="Amount">Amount.</param>
[GenerateSerializer]
[Alias("parity.reconciliation.ProvisionalReceivable")]
public sealed record ProvisionalReceivable(
    [property: Id(0)] string Provider,
    [property: Id(1)] string Age,
    [property: Id(2)] string Currency,
    [property: Id(3)] int Count,
    [property: Id(4)] decimal Amount);
