using System.Globalization;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Posting;
using Parity.Grains.Settlements;

namespace Parity.Erp.Tests.Posting;

/// <summary>
/// Generated settlement batches (seeded, so a failure reproduces from its seed and batch number) through the settlement
/// arithmetic and the default posting rules, as a batch grain and posting do: matched payments (within and beyond the
/// variance tolerance), lines of no order sent to suspense, refunds, chargebacks and their reversals, line fees and
/// stand-alone fees, reserves, payout lines and a declared payout that differs from the lines. Every batch's journal
/// must balance to the cent with nothing sent to the rounding account, each account must carry what was generated
/// (computed here from the generated lines, not by the reconciler), and hledger must accept every journal
/// (<c>check --strict</c>) and agree on the totals.
/// </summary>
public sealed class SettlementJournalPropertyTests : IDisposable
{
    private const int Seed = 20261215;
    private const int Batches = 400;
    private const decimal Tolerance = 0.01m;

    private static readonly string[] FeeTypes =
    [
        SettlementFeeTypes.Commission, SettlementFeeTypes.Scheme, SettlementFeeTypes.Fulfilment, SettlementFeeTypes.Processing,
        SettlementFeeTypes.WithheldTax, SettlementFeeTypes.Storage, SettlementFeeTypes.Chargeback,
    ];

    private static readonly string[] Providers = [SettlementProviders.Stripe, SettlementProviders.Adyen, SettlementProviders.Amazon];

    private readonly string _directory = Directory.CreateTempSubdirectory("parity-settlement-props-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task AnyMixOfSettlementLines_PostsABalancedJournal_ThatHledgerAccepts()
    {
        var options = PostingRulesOptions.CreateDefault();
        var rules = new PostingRules(options);
        var exporter = new HledgerExporter(_directory, new PostingRuleBook(options));
        var random = new Random(Seed);
        var expected = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var mixes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var batch = 0; batch < Batches; batch++)
        {
            var generated = Generate(random, batch);
            foreach (var part in generated.Mix)
            {
                mixes[part] = mixes.GetValueOrDefault(part) + 1;
            }

            var reconciliation = SettlementReconciler.Reconcile(generated.File, generated.Resolutions, Tolerance);
            Assert.True(reconciliation.Totals.UnmatchedLines == 0, $"batch {batch}: every line needing an order is matched or in suspense");
            var fact = new BusinessFact($"settlement:{generated.File.Provider}:{generated.File.BatchId}", BusinessFactKind.SettlementReceived,
                "LE-PROPS", "web", "online", "EUR", Facts.Day, SettlementReconciler.FactAmounts(generated.File.Provider, reconciliation),
                new FactLineage($"corr-{batch}", generated.File.Provider, [$"{generated.File.Provider}:{generated.File.BatchId}:h"]));

            var built = rules.Build(fact);
            if (generated.Expected.Values.All(v => v == 0))
            {
                Assert.IsType<NothingToPost>(built);
                continue;
            }

            Assert.False(built is JournalHeld, $"batch {batch} ({generated.File.Provider}) is held: {(built as JournalHeld)?.Reason}");
            var journal = Assert.IsType<JournalBuilt>(built).Journal;
            Assert.True(journal.TotalDebit == journal.TotalCredit, $"batch {batch}: debits {journal.TotalDebit}, credits {journal.TotalCredit}");
            Assert.DoesNotContain(journal.Lines, l => l.Account == options.RoundingAccount);
            var net = journal.Lines.GroupBy(l => l.Account)
                .ToDictionary(g => g.Key, g => g.Sum(l => l.Side == JournalSide.Debit ? l.Amount : -l.Amount));
            foreach (var (account, amount) in generated.Expected)
            {
                Assert.True(net.GetValueOrDefault(account) == amount,
                    $"batch {batch} ({generated.File.Provider}): account {account} carries {net.GetValueOrDefault(account)}, the lines say {amount}");
                expected[account] = expected.GetValueOrDefault(account) + amount;
            }

            Assert.Empty(net.Keys.Except(generated.Expected.Keys));
            Assert.True(exporter.Export(journal, $"doc-{batch}"));
        }

        // The generator reaches every kind of line and every way money goes to suspense, many times over.
        foreach (var part in Enum.GetNames<SettlementLineKind>().Concat(["suspense", "variance", "payout-difference"]))
        {
            Assert.True(mixes.GetValueOrDefault(part) >= 20, $"only {mixes.GetValueOrDefault(part)} generated batches have {part}");
        }

        var file = exporter.PathOf("LE-PROPS", DateOnly.FromDateTime(Facts.Day.UtcDateTime));
        var check = await Hledger.RunAsync("-f", file, "check", "--strict");
        Assert.True(check.ExitCode == 0, $"hledger check failed: {check.Error}");
        var balances = await Hledger.BalancesAsync(file, "EUR");
        Assert.Equal(expected.Where(p => p.Value != 0).ToDictionary(p => exporter.AccountName(p.Key), p => p.Value).OrderBy(p => p.Key),
            balances.OrderBy(p => p.Key));
    }

    private sealed record Batch(SettlementFile File, Dictionary<string, LineResolution> Resolutions, Dictionary<string, decimal> Expected, HashSet<string> Mix);

    // One batch and, independently of the reconciler, what each account of the default chart must carry (debit positive).
    private static Batch Generate(Random random, int number)
    {
        var provider = Providers[random.Next(Providers.Length)];
        var clearing = provider == SettlementProviders.Amazon ? "1230" : "1210";
        var lines = new List<SettlementLine>();
        var resolutions = new Dictionary<string, LineResolution>(StringComparer.Ordinal);
        var expected = new Dictionary<string, decimal>(StringComparer.Ordinal);
        void Book(string account, decimal amount) => expected[account] = expected.GetValueOrDefault(account) + amount;
        var payments = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var mix = new HashSet<string>(StringComparer.Ordinal);

        var count = random.Next(1, 13);
        for (var i = 0; i < count; i++)
        {
            var id = $"l{i}";
            var order = $"web:{number}-{random.Next(4)}";
            var toSuspense = random.Next(4) == 0;
            var kind = random.Next(9) switch
            {
                0 or 1 or 2 => SettlementLineKind.Payment,
                3 => SettlementLineKind.Refund,
                4 => SettlementLineKind.Chargeback,
                5 => SettlementLineKind.ChargebackReversal,
                6 => SettlementLineKind.Fee,
                7 => SettlementLineKind.Adjustment,
                _ => SettlementLineKind.Payout,
            };
            var gross = kind switch
            {
                SettlementLineKind.Payment or SettlementLineKind.ChargebackReversal => Money(random),
                SettlementLineKind.Refund or SettlementLineKind.Chargeback => -Money(random),
                SettlementLineKind.Adjustment => Money(random) * Sign(random),
                _ => 0m,
            };
            var fees = new List<SettlementFee>();
            var feeCount = kind is SettlementLineKind.Fee ? random.Next(1, 3) : kind is SettlementLineKind.Payout ? 0 : random.Next(0, 3);
            for (var f = 0; f < feeCount; f++)
            {
                // A fee given back (on a refund) is negative.
                var amount = Cents(random, 1) * (kind == SettlementLineKind.Refund && random.Next(2) == 0 ? -1 : 1);
                fees.Add(new SettlementFee(FeeTypes[random.Next(FeeTypes.Length)], amount));
            }

            var line = new SettlementLine(i + 2, id, kind, kind is SettlementLineKind.Fee or SettlementLineKind.Payout ? null : order.Split(':')[1],
                gross, fees, gross - fees.Sum(f => f.Amount), null, null);
            lines.Add(line);
            mix.Add(kind.ToString());
            foreach (var fee in fees)
            {
                Book(FeeAccount(fee.Type), fee.Amount);
            }

            if (kind is SettlementLineKind.Chargeback or SettlementLineKind.ChargebackReversal)
            {
                // Taken back (or returned) by the provider whatever the order: chargeback expense.
                Book("6300", -gross);
                resolutions[id] = toSuspense ? new LineResolution(id, null, null, null, ToSuspense: true) : new LineResolution(id, order, null, null);
            }
            else if (!line.NeedsOrder)
            {
                Book(clearing, -gross);
            }
            else if (toSuspense)
            {
                // Money of no order: the bank moved, no clearing account did; suspense holds it until finance clears it.
                Book("1999", -gross);
                resolutions[id] = new LineResolution(id, null, null, null, ToSuspense: true);
                mix.Add("suspense");
            }
            else if (kind == SettlementLineKind.Refund)
            {
                Book(clearing, -gross);
                resolutions[id] = new LineResolution(id, order, null, null);
            }
            else
            {
                (payments.TryGetValue(order, out var ids) ? ids : payments[order] = []).Add(id);
            }
        }

        // Each paid order captured what it settled, or a little less or more: within tolerance the settled amount
        // clears; beyond it the capture clears and the difference (settled − captured) goes to suspense.
        foreach (var (order, ids) in payments)
        {
            var settled = ids.Sum(id => lines.Single(l => l.LineId == id).Gross);
            var difference = random.Next(3) switch
            {
                0 => 0m,
                1 => random.Next(-1, 2) * Tolerance,
                _ => Cents(random, 2) * Sign(random),
            };
            var captured = settled - difference;
            foreach (var id in ids)
            {
                resolutions[id] = new LineResolution(id, order, $"cap-{order}", captured);
            }

            if (Math.Abs(difference) > Tolerance)
            {
                Book(clearing, -captured);
                Book("1999", -difference);
                mix.Add("variance");
            }
            else
            {
                Book(clearing, -settled);
            }
        }

        // The payout the provider declares (or, without one, what the lines come to); a difference goes to suspense.
        var net = lines.Sum(l => l.Net);
        var payoutDifference = random.Next(3) == 0 ? Cents(random, 1) * Sign(random) : 0m;
        decimal? declared = random.Next(4) == 0 && payoutDifference == 0 ? null : net + payoutDifference;
        Book("1100", declared ?? net);
        Book("1999", -payoutDifference);
        if (payoutDifference != 0)
        {
            mix.Add("payout-difference");
        }

        var batchId = number.ToString("D6", CultureInfo.InvariantCulture);
        var file = new SettlementFile(provider, batchId, "EUR", lines, declared, Facts.Day, $"hash-{batchId}");
        return new Batch(file, resolutions, expected.Where(p => p.Value != 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), mix);
    }

    // The default rules: commission, scheme and fulfilment fees have their own expense accounts, the rest go to other fees.
    private static string FeeAccount(string type) => type switch
    {
        SettlementFeeTypes.Commission => "6100",
        SettlementFeeTypes.Scheme => "6110",
        SettlementFeeTypes.Fulfilment => "6120",
        _ => "6190",
    };

    // Up to 999.99, in cents.
    private static decimal Money(Random random) => random.Next(1, 100_000) / 100m;

    // From minimum cents up to 9.99: fees and differences.
    private static decimal Cents(Random random, int minimum) => random.Next(minimum, 1_000) / 100m;

    private static int Sign(Random random) => random.Next(2) == 0 ? 1 : -1;
}
