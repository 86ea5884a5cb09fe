using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements.Parsing;

/// <summary>
/// Stripe's payout reconciliation report, itemized (CSV, one balance transaction per row, columns chosen by the
/// report run; see reporting_category). Needs balance_transaction_id, currency, gross, fee, net and reporting_category;
/// reads created_utc/created/available_on, automatic_payout_id, source_id, charge_id, payment_intent_id and description
/// when present. The reference for matching is the payment intent, else the charge, else the source.
/// </summary>
internal static class StripePayoutParser
{
    private static readonly string[] Required = ["balance_transaction_id", "currency", "gross", "fee", "net", "reporting_category"];

    public static (List<SettlementLine> Lines, string Currency, decimal? DeclaredPayout, DateTimeOffset? PayoutDate) Parse(string content, string batchId)
    {
        var table = new SettlementTable(SettlementProviders.Stripe, content, ',', quoted: true, Required);
        var lines = new List<SettlementLine>();
        string? currency = null;
        decimal? declared = null;
        DateTimeOffset? payoutDate = null;
        foreach (var row in table.Rows)
        {
            var id = table.RequiredText(row, "balance_transaction_id");
            var rowCurrency = table.RequiredText(row, "currency").ToUpperInvariant();
            currency ??= rowCurrency;
            if (rowCurrency != currency)
            {
                throw table.Error(row, "currency", $"'{rowCurrency}' differs from the batch currency {currency}; a payout has one currency.");
            }

            if (table.OptionalText(row, "automatic_payout_id") is { } payoutId && payoutId != batchId)
            {
                throw table.Error(row, "automatic_payout_id", $"'{payoutId}' is another payout than batch '{batchId}'.");
            }

            var gross = table.Amount(row, "gross", required: true);
            var fee = table.Amount(row, "fee", required: true);
            var net = table.Amount(row, "net", required: true);
            if (gross - fee != net)
            {
                throw table.Error(row, "net", $"{net} is not gross {gross} minus fee {fee}.");
            }

            var occurredAt = table.Has("created_utc") ? table.Date(row, "created_utc")
                : table.Has("created") ? table.Date(row, "created") : null;
            payoutDate ??= table.Has("automatic_payout_effective_at") ? table.Date(row, "automatic_payout_effective_at") : null;
            var reference = table.OptionalText(row, "payment_intent_id") ?? table.OptionalText(row, "charge_id") ?? table.OptionalText(row, "source_id");
            var description = table.OptionalText(row, "description");
            var category = table.RequiredText(row, "reporting_category").ToLowerInvariant();
            IReadOnlyList<SettlementFee> Processing(string type = SettlementFeeTypes.Processing) => fee == 0 ? [] : [new SettlementFee(type, fee)];

            SettlementLine Line(SettlementLineKind kind, decimal lineGross, IReadOnlyList<SettlementFee> fees, string? lineReference) =>
                new(row.Row, id, kind, lineReference, lineGross, fees, lineGross - fees.Sum(f => f.Amount), occurredAt, description);

            switch (category)
            {
                case "charge":
                case "payment":
                    lines.Add(Line(SettlementLineKind.Payment, gross, Processing(), reference));
                    break;
                case "refund":
                case "payment_refund":
                    lines.Add(Line(SettlementLineKind.Refund, gross, Processing(), reference));
                    break;
                case "dispute":
                    lines.Add(Line(SettlementLineKind.Chargeback, gross, Processing(SettlementFeeTypes.Chargeback), reference));
                    break;
                case "dispute_reversal":
                    lines.Add(Line(SettlementLineKind.ChargebackReversal, gross, Processing(SettlementFeeTypes.Chargeback), reference));
                    break;
                case "fee":
                case "network_cost":
                    // A fee of its own: Stripe writes it as a negative gross; we keep it as a cost with no gross.
                    var type = category == "network_cost" ? SettlementFeeTypes.Scheme : SettlementFeeTypes.Other;
                    lines.Add(Line(SettlementLineKind.Fee, 0m, [new SettlementFee(type, fee - gross)], null));
                    break;
                case "payout":
                    declared = (declared ?? 0m) - net;
                    lines.Add(Line(SettlementLineKind.Payout, 0m, [], null) with { Net = 0m });
                    break;
                default:
                    // refund_failure, partial_capture_reversal, other_adjustment, ...: money that moves the payout
                    // without being a sale, refund or dispute.
                    lines.Add(Line(SettlementLineKind.Adjustment, gross, Processing(), reference));
                    break;
            }
        }

        return (lines, currency ?? throw new SettlementFileException(SettlementProviders.Stripe, 0, null, "the file has no balance transactions."), declared, payoutDate);
    }
}
