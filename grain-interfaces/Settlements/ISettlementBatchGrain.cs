using Parity.GrainInterfaces.Exceptions;
using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Settlements;

/// <summary>
/// One provider settlement batch (key <c>{provider}:{batchId}</c>), journaled. Ingesting matches each line to its order
/// through the provider's receivables, keeps fees by type, sends variances beyond tolerance to suspense and the
/// exception queue, and hands one balanced SettlementReceived fact to ERP posting once every line is matched.
/// The same file again changes nothing; a different file for the same batch is refused.
/// As an <see cref="IExceptionSource"/> it retries its own exceptions (an edited reference for an unmatched line, a
/// failed hand-off) and never repeats a side effect it has already had.
/// </summary>
[Orleans.Alias("parity.settlements.ISettlementBatchGrain")]
public interface ISettlementBatchGrain : IExceptionSource
{
    /// <summary>The exception-source kind of settlement batches.</summary>
    public const string SourceKind = "settlement-batch";

    /// <summary>Ingests a parsed file (see the parsers in grains/Settlements/Parsing).</summary>
    /// <param name="file">The file; its provider and batch id must be this grain's key.</param>
    /// <returns>The batch after ingestion; <see cref="SettlementBatchView.Duplicate"/> is true when the file was known.</returns>
    /// <exception cref="SettlementBatchConflictException">Another file was ingested for this batch.</exception>
    [Orleans.Alias("Ingest")]
    Task<SettlementBatchView> IngestAsync(SettlementFile file);

    /// <summary>The batch, or null when no file arrived yet.</summary>
    [Orleans.Alias("Get")]
    [AlwaysInterleave]
    Task<SettlementBatchView?> GetAsync();
}

/// <summary>A settlement batch as finance reads it.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="BatchId">The provider's batch id.</param>
/// <param name="Currency">The batch currency.</param>
/// <param name="Status">Where the batch is.</param>
/// <param name="ReceivedAt">When the file arrived.</param>
/// <param name="Lines">Every line with its match.</param>
/// <param name="FeesByType">Fees summed by type.</param>
/// <param name="Totals">The batch's figures.</param>
/// <param name="FactId">The SettlementReceived fact's id.</param>
/// <param name="FactSubmitted">Whether ERP posting has accepted the fact.</param>
/// <param name="Duplicate">True on the answer to a re-upload of the same file.</param>
/// <param name="Problems">What is wrong with the stored batch (a file whose amounts overflow its totals, journaled before
/// the bounds), null when nothing is; the lines, fees and totals are then unavailable (empty and zero).</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.SettlementBatchView")]
public sealed record SettlementBatchView(
    [property: Orleans.Id(0)] string Provider,
    [property: Orleans.Id(1)] string BatchId,
    [property: Orleans.Id(2)] string Currency,
    [property: Orleans.Id(3)] SettlementBatchStatus Status,
    [property: Orleans.Id(4)] DateTimeOffset ReceivedAt,
    [property: Orleans.Id(5)] IReadOnlyList<SettlementLineView> Lines,
    [property: Orleans.Id(6)] IReadOnlyDictionary<string, decimal> FeesByType,
    [property: Orleans.Id(7)] SettlementTotals Totals,
    [property: Orleans.Id(8)] string FactId,
    [property: Orleans.Id(9)] bool FactSubmitted,
    [property: Orleans.Id(10)] bool Duplicate = false,
    [property: Orleans.Id(11)] IReadOnlyList<string>? Problems = null);

/// <summary>One line and what matching made of it.</summary>
/// <param name="Line">The line as parsed.</param>
/// <param name="Match">Matched, unmatched, or not to be matched.</param>
/// <param name="OrderId">The canonical order id it matched (<c>{channel}:{channelOrderId}</c>).</param>
/// <param name="Expected">The captured amount the order's receivables expected, for payments.</param>
/// <param name="Variance">Gross settled minus expected, for the first payment line of an order.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.SettlementLineView")]
public sealed record SettlementLineView(
    [property: Orleans.Id(0)] SettlementLine Line,
    [property: Orleans.Id(1)] SettlementMatch Match,
    [property: Orleans.Id(2)] string? OrderId,
    [property: Orleans.Id(3)] decimal? Expected,
    [property: Orleans.Id(4)] decimal? Variance);

/// <summary>How a line matched.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.SettlementMatch")]
public enum SettlementMatch
{
    /// <summary>Fees, payouts and adjustments are not matched to orders.</summary>
    NotApplicable,

    /// <summary>Matched to an order with a recorded capture.</summary>
    Matched,

    /// <summary>No order found: an UnmatchedSettlementLine exception holds the batch's fact.</summary>
    Unmatched,

    /// <summary>Finance decided the line belongs to no order: its amount is booked to suspense and no longer holds the batch.</summary>
    Suspense,
}

/// <summary>Where a batch is.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.SettlementBatchStatus")]
public enum SettlementBatchStatus
{
    /// <summary>Lines are unmatched; the SettlementReceived fact waits until they are fixed.</summary>
    Held,

    /// <summary>Every line matched; the fact is being handed to ERP posting (retried by reminder).</summary>
    Reconciled,

    /// <summary>ERP posting accepted the fact.</summary>
    Submitted,
}

/// <summary>The figures of a batch. Balanced: <see cref="Payout"/> + <see cref="Fees"/> + <see cref="Chargebacks"/> =
/// <see cref="GrossSettled"/> = <see cref="ClearingRelieved"/> + <see cref="Suspense"/>.</summary>
/// <param name="GrossSettled">Σ gross of payments, refunds, adjustments and chargebacks, plus any payout the file declares beyond its lines.</param>
/// <param name="Fees">Σ fees of every type.</param>
/// <param name="Chargebacks">Chargebacks net of reversals (positive = money taken back).</param>
/// <param name="Payout">Paid to the bank.</param>
/// <param name="ClearingRelieved">What leaves the provider's clearing account: expected amounts of orders with a variance beyond tolerance, gross otherwise.</param>
/// <param name="Suspense">Variances beyond tolerance (per order, and declared payout vs lines).</param>
/// <param name="MatchedLines">Lines matched to orders.</param>
/// <param name="UnmatchedLines">Lines that need an order and have none (lines sent to suspense are not counted).</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.SettlementTotals")]
public sealed record SettlementTotals(
    [property: Orleans.Id(0)] decimal GrossSettled,
    [property: Orleans.Id(1)] decimal Fees,
    [property: Orleans.Id(2)] decimal Chargebacks,
    [property: Orleans.Id(3)] decimal Payout,
    [property: Orleans.Id(4)] decimal ClearingRelieved,
    [property: Orleans.Id(5)] decimal Suspense,
    [property: Orleans.Id(6)] int MatchedLines,
    [property: Orleans.Id(7)] int UnmatchedLines);
