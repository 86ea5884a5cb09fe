using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements.Parsing;

/// <summary>
/// Adyen's settlement details report (CSV, one journal entry per row, by Type). Amounts are read in the net currency:
/// a row's gross is its net credit minus net debit plus its fees (Commission, Markup, Scheme Fees, Interchange), so
/// every figure of the batch is in one currency. The reference for matching is the Merchant Reference.
/// </summary>
internal static class AdyenSettlementParser
{
    private const string NetCurrency = "Net Currency";
    private const string NetDebit = "Net Debit (NC)";
    private const string NetCredit = "Net Credit (NC)";
    private const string BatchNumber = "Batch Number";

    private static readonly string[] Required =
    [
        "Merchant Account", "Psp Reference", "Merchant Reference", "Creation Date", "Type", NetCurrency, NetDebit, NetCredit,
        "Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)", BatchNumber,
    ];

    private static readonly (string Column, string Type)[] FeeColumns =
    [
        ("Commission (NC)", SettlementFeeTypes.Commission), ("Markup (NC)", SettlementFeeTypes.Markup),
        ("Scheme Fees (NC)", SettlementFeeTypes.Scheme), ("Interchange (NC)", SettlementFeeTypes.Interchange),
    ];

    public static (List<SettlementLine> Lines, string Currency, decimal? DeclaredPayout, DateTimeOffset? PayoutDate) Parse(string content, string batchId)
    {
        var table = new SettlementTable(SettlementProviders.Adyen, content, ',', quoted: true, Required);
        var lines = new List<SettlementLine>();
        string? currency = null;
        decimal? declared = null;
        DateTimeOffset? payoutDate = null;
        foreach (var row in table.Rows)
        {
            var type = table.RequiredText(row, "Type");
            var batch = table.RequiredText(row, BatchNumber);
            if (batch != batchId)
            {
                throw table.Error(row, BatchNumber, $"'{batch}' is another batch than '{batchId}'.");
            }

            var rowCurrency = table.RequiredText(row, NetCurrency).ToUpperInvariant();
            currency ??= rowCurrency;
            if (rowCurrency != currency)
            {
                throw table.Error(row, NetCurrency, $"'{rowCurrency}' differs from the batch currency {currency}.");
            }

            var net = table.Amount(row, NetCredit) - table.Amount(row, NetDebit);

            // Gross amounts are in the gross currency; read only to refuse a malformed one.
            table.Amount(row, "Gross Debit (GC)");
            table.Amount(row, "Gross Credit (GC)");
            var fees = FeeColumns
                .Select(f => new SettlementFee(f.Type, table.Amount(row, f.Column)))
                .Where(f => f.Amount != 0)
                .ToList();
            var occurredAt = table.Date(row, "Creation Date", required: true);
            var psp = table.OptionalText(row, "Psp Reference");
            var lineId = psp is null ? $"row-{row.Row}" : $"{psp}:{type}";
            var reference = table.OptionalText(row, "Merchant Reference");
            var description = table.OptionalText(row, "Modification Reference") ?? table.OptionalText(row, "Payment Method");

            SettlementLine Line(SettlementLineKind kind, string? lineReference) =>
                new(row.Row, lineId, kind, lineReference, net + fees.Sum(f => f.Amount), fees, net, occurredAt, description ?? type);

            switch (type.ToLowerInvariant())
            {
                case "settled":
                case "settledbulk":
                    lines.Add(Line(SettlementLineKind.Payment, reference));
                    break;
                case "refunded":
                case "refundedbulk":
                    lines.Add(Line(SettlementLineKind.Refund, reference));
                    break;
                case "chargeback":
                case "secondchargeback":
                    lines.Add(Line(SettlementLineKind.Chargeback, reference));
                    break;
                case "chargebackreversed":
                case "secondchargebackreversed":
                    lines.Add(Line(SettlementLineKind.ChargebackReversal, reference));
                    break;
                case "fee":
                case "invoicededuction":
                case "misccosts":
                case "paymentcost":
                    // Net debit of a fee row is the cost; keep it as a fee with no gross.
                    lines.Add(new SettlementLine(row.Row, lineId, SettlementLineKind.Fee, null, 0m,
                        [.. fees, .. OtherCost(-net - fees.Sum(f => f.Amount))], net, occurredAt, description ?? type));
                    break;
                case "merchantpayout":
                    declared = (declared ?? 0m) - net;
                    payoutDate ??= occurredAt;
                    lines.Add(new SettlementLine(row.Row, lineId, SettlementLineKind.Payout, null, 0m, [], 0m, occurredAt, description ?? type));
                    break;
                default:
                    // DepositCorrection, Balancetransfer, ReserveAdjustment, RefundedReversed, ...
                    lines.Add(Line(SettlementLineKind.Adjustment, reference));
                    break;
            }
        }

        return (lines, currency ?? throw new SettlementFileException(SettlementProviders.Adyen, 0, null, "the file has no entries."), declared, payoutDate);
    }

    private static SettlementFee[] OtherCost(decimal amount) => amount == 0 ? [] : [new SettlementFee(SettlementFeeTypes.Other, amount)];
}
