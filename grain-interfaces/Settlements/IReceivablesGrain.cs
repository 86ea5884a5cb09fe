using Orleans.Concurrency;

namespace Parity.GrainInterfaces.Settlements;

/// <summary>
/// The registry of captured payments of one provider (key = provider): what each order's settlement should bring,
/// provisional receivables by age until it does, and MissingSettlement exceptions for captures unsettled past the
/// provider's expected window (checked by reminder). Order grains call <see cref="RecordCaptureAsync"/> on
/// PaymentCaptured; recording is idempotent by reference.
/// </summary>
[Orleans.Alias("parity.settlements.IReceivablesGrain")]
public interface IReceivablesGrain : IGrainWithStringKey
{
    /// <summary>Records a capture.</summary>
    /// <param name="provider">The provider (must be this grain's key).</param>
    /// <param name="reference">The provider's reference of the payment (payment intent, PSP merchant reference, marketplace order id).</param>
    /// <param name="orderId">The canonical order id <c>{channel}:{channelOrderId}</c>.</param>
    /// <param name="amount">Amount captured.</param>
    /// <param name="currency">ISO 4217 currency.</param>
    /// <param name="capturedAt">When it was captured.</param>
    /// <returns>True when recorded; false when the reference was known (nothing changes).</returns>
    [Orleans.Alias("RecordCapture")]
    Task<bool> RecordCaptureAsync(string provider, string reference, string orderId, decimal amount, string currency, DateTimeOffset capturedAt);

    /// <summary>Finds captures by provider reference or by order id, one answer per query (null when none).</summary>
    [Orleans.Alias("Find")]
    [AlwaysInterleave]
    Task<IReadOnlyList<CaptureRecord?>> FindAsync(IReadOnlyList<CaptureQuery> queries);

    /// <summary>Marks captures settled by a batch; idempotent per batch and reference.</summary>
    [Orleans.Alias("Settle")]
    Task SettleAsync(string batchKey, IReadOnlyList<string> references, DateTimeOffset settledAt);

    /// <summary>Captures not yet settled, aged at <paramref name="asOf"/>; optionally one channel's only.</summary>
    [Orleans.Alias("GetProvisional")]
    [AlwaysInterleave]
    Task<ProvisionalReceivables> GetProvisionalAsync(DateTimeOffset asOf, string? channel = null);

    /// <summary>Every capture of one channel captured on one day (UTC).</summary>
    [Orleans.Alias("GetCaptures")]
    [AlwaysInterleave]
    Task<IReadOnlyList<CaptureRecord>> GetCapturesAsync(string channel, DateOnly day);

    /// <summary>Raises MissingSettlement for captures unsettled past the expected window (the reminder calls this too).</summary>
    /// <returns>How many captures are overdue.</returns>
    [Orleans.Alias("CheckOverdue")]
    Task<int> CheckOverdueAsync();
}

/// <summary>A capture lookup: by reference first, then by order id.</summary>
/// <param name="Reference">The provider reference on the settlement line.</param>
/// <param name="OrderId">The order id the reference maps to, or an operator's edit.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.CaptureQuery")]
public sealed record CaptureQuery(
    [property: Orleans.Id(0)] string? Reference,
    [property: Orleans.Id(1)] string? OrderId);

/// <summary>A recorded capture.</summary>
/// <param name="Reference">The provider's reference.</param>
/// <param name="OrderId">The canonical order id.</param>
/// <param name="Amount">Captured amount.</param>
/// <param name="Currency">Its currency.</param>
/// <param name="CapturedAt">When.</param>
/// <param name="SettledBy">The batch key that settled it, if any.</param>
/// <param name="SettledAt">When it was settled.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.CaptureRecord")]
public sealed record CaptureRecord(
    [property: Orleans.Id(0)] string Reference,
    [property: Orleans.Id(1)] string OrderId,
    [property: Orleans.Id(2)] decimal Amount,
    [property: Orleans.Id(3)] string Currency,
    [property: Orleans.Id(4)] DateTimeOffset CapturedAt,
    [property: Orleans.Id(5)] string? SettledBy = null, [property: Orleans.Id(6)] DateTimeOffset? SettledAt = null)
{
    /// <summary>The channel part of the order id.</summary>
    public string Channel => OrderId.Split(':', 2)[0];
}

/// <summary>Captures awaiting settlement, by age.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="AsOf">When they were aged.</param>
/// <param name="Buckets">Amount and count per age bucket and currency.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.ProvisionalReceivables")]
public sealed record ProvisionalReceivables(
    [property: Orleans.Id(0)] string Provider,
    [property: Orleans.Id(1)] DateTimeOffset AsOf,
    [property: Orleans.Id(2)] IReadOnlyList<ReceivableAgeBucket> Buckets);

/// <summary>One age bucket.</summary>
/// <param name="Age">The bucket: <c>0-1d</c>, <c>1-3d</c>, <c>3-7d</c>, <c>7-14d</c>, <c>14d+</c>.</param>
/// <param name="Currency">The currency.</param>
/// <param name="Count">Captures in it.</param>
/// <param name="Amount">Their amount, without those named in <paramref name="OutOfBounds"/>.</param>
/// <param name="OutOfBounds">References of captures whose amount is beyond <see cref="Limits.MaxAmount"/> (recorded
/// before the bound existed): left out of <paramref name="Amount"/> so the bucket still adds up, and named so finance can
/// correct them; null when there are none.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.settlements.ReceivableAgeBucket")]
public sealed record ReceivableAgeBucket(
    [property: Orleans.Id(0)] string Age,
    [property: Orleans.Id(1)] string Currency,
    [property: Orleans.Id(2)] int Count,
    [property: Orleans.Id(3)] decimal Amount,
    [property: Orleans.Id(4)] IReadOnlyList<string>? OutOfBounds = null);
