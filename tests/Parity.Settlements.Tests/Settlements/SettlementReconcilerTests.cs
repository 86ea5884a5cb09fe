using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Settlements;

namespace Parity.Settlements.Tests.Settlements;

public sealed class SettlementReconcilerTests
{
    // Generated batches (seeded, so a failure reproduces): whatever the mix of lines, matches, variances and declared
    // payout, the totals and the fact balance.
    [Fact]
    public void AnyBatch_Balances_PayoutPlusFeesPlusChargebacks_EqualsClearingPlusSuspense()
    {
        var random = new Random(20261202);
        var kinds = Enum.GetValues<SettlementLineKind>();
        for (var run = 0; run < 500; run++)
        {
            var lines = new List<SettlementLine>();
            var resolutions = new Dictionary<string, LineResolution>();
            for (var i = 0; i < random.Next(1, 12); i++)
            {
                var kind = kinds[random.Next(kinds.Length)];
                var gross = kind is SettlementLineKind.Fee or SettlementLineKind.Payout ? 0m : Money(random) * (kind is SettlementLineKind.Payment or SettlementLineKind.ChargebackReversal ? 1 : -1);
                var fees = Enumerable.Range(0, random.Next(0, 3)).Select(f => new SettlementFee(f == 0 ? "commission" : "scheme", Money(random) / 10)).ToList();
                var line = new SettlementLine(i + 2, $"l{i}", kind, $"r{random.Next(4)}", gross, fees, gross - fees.Sum(f => f.Amount), null, null);
                lines.Add(line);
                if (line.NeedsOrder && random.Next(3) > 0)
                {
                    var order = $"web:{random.Next(4)}";
                    resolutions[line.LineId] = new LineResolution(line.LineId, order, kind == SettlementLineKind.Payment ? $"cap-{order}" : null,
                        kind == SettlementLineKind.Payment ? gross + random.Next(-2, 3) : null);
                }
            }

            decimal? declared = random.Next(2) == 0 ? null : lines.Sum(l => l.Net) + random.Next(-1, 2);
            var file = new SettlementFile("adyen", "b", "EUR", lines, declared, null, "h");

            var reconciliation = SettlementReconciler.Reconcile(file, resolutions, 0.5m);
            var t = reconciliation.Totals;
            Assert.Equal(t.GrossSettled, t.Payout + t.Fees + t.Chargebacks);
            Assert.Equal(t.GrossSettled, t.ClearingRelieved + t.Suspense);
            Assert.Equal(declared ?? lines.Sum(l => l.Net), t.Payout);
            var amounts = SettlementReconciler.FactAmounts("adyen", reconciliation);
            decimal Sum(string type) => amounts.Where(a => a.Type == type).Sum(a => a.Amount);
            Assert.Equal(Sum(FactAmountTypes.Payout) + Sum(FactAmountTypes.Fee) + Sum(FactAmountTypes.Chargeback), Sum(FactAmountTypes.Tender) + Sum(FactAmountTypes.Suspense));
        }
    }

    [Fact]
    public void VarianceWithinTolerance_IsAccepted_BeyondItGoesToSuspense()
    {
        var line = new SettlementLine(2, "l1", SettlementLineKind.Payment, "r1", 99.99m, [], 99.99m, null, null);
        var file = new SettlementFile("stripe", "b", "USD", [line], null, null, "h");
        var within = SettlementReconciler.Reconcile(file, new Dictionary<string, LineResolution> { ["l1"] = new("l1", "web:1", "c1", 100.00m) }, 0.01m);
        var beyond = SettlementReconciler.Reconcile(file, new Dictionary<string, LineResolution> { ["l1"] = new("l1", "web:1", "c1", 100.02m) }, 0.01m);

        Assert.Empty(within.Variances);
        Assert.Equal((99.99m, 0m), (within.Totals.ClearingRelieved, within.Totals.Suspense));
        Assert.Equal(-0.03m, Assert.Single(beyond.Variances).Amount);
        Assert.Equal((100.02m, -0.03m), (beyond.Totals.ClearingRelieved, beyond.Totals.Suspense));
    }

    private static decimal Money(Random random) => random.Next(1, 100_000) / 100m;
}
