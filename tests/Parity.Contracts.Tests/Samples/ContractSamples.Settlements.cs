using Parity.GrainInterfaces.Settlements;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    private static IEnumerable<ContractSample> Settlements()
    {
        SettlementFee[] fees = [new(SettlementFeeTypes.Processing, 0.59m), new(SettlementFeeTypes.Scheme, -0.02m)];
        SettlementLine[] lines =
        [
            new(2, "txn_1", SettlementLineKind.Refund, "pi_1", -19.99m, fees, -20.56m, At, "Refund for order 1001"),
            new(3, "txn_2", SettlementLineKind.ChargebackReversal, "pi_2", 5.50m, fees, 4.93m, Later, "Dispute won"),
        ];
        SettlementLineView[] views =
        [
            new(lines[0], SettlementMatch.Unmatched, "web:1001", 19.99m, -0.02m),
            new(lines[1], SettlementMatch.Suspense, "web:1002", 5.50m, 0.01m),
        ];
        var totals = new SettlementTotals(25.49m, 1.14m, 0.50m, 23.85m, 25.47m, 0.02m, 7, 1);
        CaptureRecord[] captures = [new("pi_1", "web:1001", 19.99m, "EUR", At, "stripe:po_1", Later), new("pi_2", "web:1002", 5.50m, "EUR", At)];
        ReceivableAgeBucket[] buckets = [new("1-3d", "EUR", 3, 59.97m), new("14d+", "USD", 1, 12.50m)];

        yield return ContractSample.Of(fees[0]);
        yield return ContractSample.Of(lines[0]);
        yield return ContractSample.Of(new SettlementFile("stripe", "po_1", "EUR", lines, 1234.56m, Later, "9f86d081884c7d659a2feaa0c55ad015"));
        yield return ContractSample.Of(views[0]);
        yield return ContractSample.Of(totals);
        yield return ContractSample.Of(new SettlementBatchView(
            "stripe", "po_1", "EUR", SettlementBatchStatus.Submitted, At, views,
            new Dictionary<string, decimal> { [SettlementFeeTypes.Processing] = 1.18m, [SettlementFeeTypes.Scheme] = -0.04m }, totals,
            "settlement:stripe:po_1", true, true));
        yield return ContractSample.Of(new SettlementBatchView(
            "stripe", "po_2", "USD", SettlementBatchStatus.Held, At, views,
            new Dictionary<string, decimal> { [SettlementFeeTypes.Processing] = 0m, [SettlementFeeTypes.Scheme] = 0m }, totals,
            "settlement:stripe:po_2", false, false, ["The file's amounts (2 lines) overflow the batch's totals.", "Lines, fees and totals are unavailable."]), "problems");
        yield return ContractSample.Of(new CaptureQuery("pi_1", "web:1001"));
        yield return ContractSample.Of(captures[0]);
        yield return ContractSample.Of(buckets[0]);
        yield return ContractSample.Of(buckets[0] with { OutOfBounds = ["pi_9", "pi_10"] }, "v2");
        yield return ContractSample.Of(new ProvisionalReceivables("stripe", Later, buckets));
        yield return ContractSample.Of(SettlementBatchStatus.Submitted);
        yield return ContractSample.Of(SettlementLineKind.ChargebackReversal);
        yield return ContractSample.Of(SettlementMatch.Unmatched);
        yield return ContractSample.Of(WithData(new SettlementFileException("stripe", 7, "amount", "'12,5x' is not an amount")));
        yield return ContractSample.Of(WithData(new SettlementBatchConflictException("Batch stripe:po_1 already holds another file.")));
    }
}
