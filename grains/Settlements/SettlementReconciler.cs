using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements;

/// <summary>How one line was resolved to an order.</summary>
/// <param name="LineId">The line.</param>
/// <param name="OrderId">The order it matched, or null.</param>
/// <param name="CaptureReference">The capture it matched (payments), so a capture counts once per batch.</param>
/// <param name="Expected">The captured amount (payments).</param>
/// <param name="ToSuspense">Finance sent the line to suspense: it belongs to no order.</param>
public sealed record LineResolution(string LineId, string? OrderId, string? CaptureReference, decimal? Expected, bool ToSuspense = false);

/// <summary>An order whose settled gross differs from its captures beyond tolerance.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Expected">Captured.</param>
/// <param name="Settled">Settled gross.</param>
/// <param name="FirstLineId">The order's first payment line.</param>
public sealed record OrderVariance(string OrderId, decimal Expected, decimal Settled, string FirstLineId)
{
    /// <summary>Settled minus expected.</summary>
    public decimal Amount => Settled - Expected;
}

/// <summary>What a batch comes to.</summary>
/// <param name="Lines">Each line with its match.</param>
/// <param name="FeesByType">Fees by type.</param>
/// <param name="Totals">The balanced totals.</param>
/// <param name="Variances">Orders beyond tolerance.</param>
/// <param name="PayoutVariance">Declared payout minus the lines' net.</param>
public sealed record SettlementReconciliation(
    IReadOnlyList<SettlementLineView> Lines,
    IReadOnlyDictionary<string, decimal> FeesByType,
    SettlementTotals Totals,
    IReadOnlyList<OrderVariance> Variances,
    decimal PayoutVariance);

/// <summary>
/// The settlement arithmetic, free of any runtime: per-order variance against captures (beyond tolerance to
/// suspense), fees by type, chargebacks, and totals that balance by construction:
/// payout + fees + chargebacks = gross settled = clearing relieved + suspense.
/// </summary>
public static class SettlementReconciler
{
    /// <summary>Reconciles <paramref name="file"/> given each line's resolution (lines without one are unmatched).</summary>
    public static SettlementReconciliation Reconcile(SettlementFile file, IReadOnlyDictionary<string, LineResolution> resolutions, decimal tolerance)
    {
        ArgumentNullException.ThrowIfNull(file);
        var fees = new SortedDictionary<string, decimal>(StringComparer.Ordinal);
        decimal gross = 0, chargebacks = 0, net = 0, clearing = 0, suspense = 0;
        int matched = 0, unmatched = 0;
        var payments = new Dictionary<string, (decimal Settled, Dictionary<string, decimal> Captures, string FirstLineId)>(StringComparer.Ordinal);
        var views = new List<SettlementLineView>(file.Lines.Count);

        foreach (var line in file.Lines)
        {
            foreach (var fee in line.Fees)
            {
                fees[fee.Type] = fees.GetValueOrDefault(fee.Type) + fee.Amount;
            }

            net += line.Net;
            if (line.Kind is SettlementLineKind.Chargeback or SettlementLineKind.ChargebackReversal)
            {
                chargebacks -= line.Gross;
            }
            else
            {
                gross += line.Gross;
            }

            var resolution = resolutions.GetValueOrDefault(line.LineId);
            if (!line.NeedsOrder)
            {
                views.Add(new SettlementLineView(line, SettlementMatch.NotApplicable, null, null, null));
                if (line.Kind is not (SettlementLineKind.Chargeback or SettlementLineKind.ChargebackReversal))
                {
                    clearing += line.Gross;
                }

                continue;
            }

            if (resolution is { ToSuspense: true })
            {
                views.Add(new SettlementLineView(line, SettlementMatch.Suspense, null, null, null));
                if (line.Kind is not (SettlementLineKind.Chargeback or SettlementLineKind.ChargebackReversal))
                {
                    suspense += line.Gross;
                }

                continue;
            }

            if (resolution?.OrderId is not { } orderId)
            {
                unmatched++;
                views.Add(new SettlementLineView(line, SettlementMatch.Unmatched, null, null, null));
                if (line.Kind is not (SettlementLineKind.Chargeback or SettlementLineKind.ChargebackReversal))
                {
                    clearing += line.Gross;
                }

                continue;
            }

            matched++;
            if (line.Kind == SettlementLineKind.Payment)
            {
                var entry = payments.TryGetValue(orderId, out var held) ? held : (Settled: 0m, Captures: new Dictionary<string, decimal>(StringComparer.Ordinal), FirstLineId: line.LineId);
                entry.Settled += line.Gross;
                if (resolution.CaptureReference is { } capture && resolution.Expected is { } expected)
                {
                    entry.Captures[capture] = expected;
                }

                payments[orderId] = entry;
            }
            else if (line.Kind == SettlementLineKind.Refund)
            {
                clearing += line.Gross;
            }

            views.Add(new SettlementLineView(line, SettlementMatch.Matched, orderId, resolution.Expected, null));
        }

        var variances = new List<OrderVariance>();
        foreach (var (orderId, (settled, captures, firstLineId)) in payments)
        {
            var expected = captures.Values.Sum();
            var variance = new OrderVariance(orderId, expected, settled, firstLineId);
            if (Math.Abs(variance.Amount) > tolerance)
            {
                variances.Add(variance);
                clearing += expected;
                suspense += variance.Amount;
            }
            else
            {
                clearing += settled;
            }

            var index = views.FindIndex(v => v.Line.LineId == firstLineId);
            views[index] = views[index] with { Variance = variance.Amount };
        }

        var payout = file.DeclaredPayout ?? net;
        var payoutVariance = payout - net;
        suspense += payoutVariance;
        var totalFees = fees.Values.Sum();
        var totals = new SettlementTotals(gross + payoutVariance, totalFees, chargebacks, payout, clearing, suspense, matched, unmatched);
        return new SettlementReconciliation(views, fees, totals, variances, payoutVariance);
    }

    /// <summary>The SettlementReceived amounts: payout to bank, fees by type to expense, chargebacks, clearing relieved
    /// (tender, qualified by provider) and suspense. Debits (payout, fees, chargebacks) equal credits (tender, suspense).</summary>
    public static IReadOnlyList<FactAmount> FactAmounts(string provider, SettlementReconciliation reconciliation)
    {
        ArgumentNullException.ThrowIfNull(reconciliation);
        var totals = reconciliation.Totals;
        var amounts = new List<FactAmount> { new(FactAmountTypes.Payout, totals.Payout) };
        amounts.AddRange(reconciliation.FeesByType.Where(f => f.Value != 0).Select(f => new FactAmount(FactAmountTypes.Fee, f.Value, f.Key)));
        if (totals.Chargebacks != 0)
        {
            amounts.Add(new FactAmount(FactAmountTypes.Chargeback, totals.Chargebacks));
        }

        amounts.Add(new FactAmount(FactAmountTypes.Tender, totals.ClearingRelieved, provider));
        if (totals.Suspense != 0)
        {
            amounts.Add(new FactAmount(FactAmountTypes.Suspense, totals.Suspense));
        }

        return amounts;
    }
}
