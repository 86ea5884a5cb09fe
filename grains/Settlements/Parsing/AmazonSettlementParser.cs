using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements.Parsing;

/// <summary>
/// Amazon's V2 settlement report flat file (tab-separated, no quoting). The first data row is the settlement summary
/// (settlement-id, dates, total-amount = the payout, currency); each later row is one amount of one transaction
/// (amount-type, amount-description, amount). Rows of one transaction (transaction-type + order-id + adjustment-id)
/// become one line: ItemPrice and Promotion amounts make its gross, fee rows its fees by type. Rows without an order
/// are account-level fees (negative) or adjustments (reserves, positive amounts).
/// </summary>
internal static class AmazonSettlementParser
{
    private static readonly string[] Required =
    [
        "settlement-id", "settlement-start-date", "settlement-end-date", "deposit-date", "total-amount", "currency",
        "transaction-type", "order-id", "amount-type", "amount-description", "amount", "posted-date",
    ];

    public static (List<SettlementLine> Lines, string Currency, decimal? DeclaredPayout, DateTimeOffset? PayoutDate) Parse(string content, string batchId)
    {
        var table = new SettlementTable(SettlementProviders.Amazon, content, '\t', quoted: false, Required);
        if (table.Rows.Count == 0)
        {
            throw new SettlementFileException(SettlementProviders.Amazon, 0, null, "the file has no settlement summary row.");
        }

        var summary = table.Rows[0];
        if (table.OptionalText(summary, "transaction-type") is not null)
        {
            throw table.Error(summary, "transaction-type", "the first row must be the settlement summary (settlement-id, dates, total-amount, currency) with no transaction.");
        }

        var settlementId = table.RequiredText(summary, "settlement-id");
        if (settlementId != batchId)
        {
            throw table.Error(summary, "settlement-id", $"'{settlementId}' is another settlement than batch '{batchId}'.");
        }

        var currency = table.RequiredText(summary, "currency").ToUpperInvariant();
        var declared = table.Amount(summary, "total-amount", required: true);
        var depositDate = table.Date(summary, "deposit-date", required: true);
        table.Date(summary, "settlement-start-date", required: true);
        table.Date(summary, "settlement-end-date", required: true);

        var groups = new List<Group>();
        var byKey = new Dictionary<string, Group>(StringComparer.Ordinal);
        foreach (var row in table.Rows.Skip(1))
        {
            if (table.OptionalText(row, "settlement-id") is { } id && id != settlementId)
            {
                throw table.Error(row, "settlement-id", $"'{id}' is another settlement than '{settlementId}'.");
            }

            if (table.OptionalText(row, "currency") is { } rowCurrency && !rowCurrency.Equals(currency, StringComparison.OrdinalIgnoreCase))
            {
                throw table.Error(row, "currency", $"'{rowCurrency}' differs from the settlement currency {currency}.");
            }

            var transactionType = table.RequiredText(row, "transaction-type");
            var amountType = table.RequiredText(row, "amount-type");
            var description = table.RequiredText(row, "amount-description");
            var amount = table.Amount(row, "amount", required: true);
            var postedAt = table.Date(row, "posted-date", required: true);
            var orderId = table.OptionalText(row, "order-id");
            var key = orderId is null ? $"row-{row.Row}" : $"{transactionType}:{orderId}:{table.Text(row, "adjustment-id")}";
            if (!byKey.TryGetValue(key, out var group))
            {
                group = new Group(row.Row, key, transactionType, orderId, postedAt);
                byKey[key] = group;
                groups.Add(group);
            }

            if (amountType is "ItemPrice" or "Promotion" || (orderId is null && amount > 0) || IsReserve(transactionType, amountType))
            {
                group.Gross += amount;
            }
            else
            {
                // Amazon writes what it keeps as negative amounts; a fee given back (on a refund) is positive.
                group.AddFee(FeeType(amountType, description), -amount);
            }

            group.Descriptions.Add(description);
        }

        var lines = groups.Select(g => g.ToLine()).ToList();
        return (lines, currency, declared, depositDate);
    }

    private static bool IsReserve(string transactionType, string amountType) =>
        transactionType.Contains("Reserve", StringComparison.OrdinalIgnoreCase) || amountType.Contains("Reserve", StringComparison.OrdinalIgnoreCase);

    private static string FeeType(string amountType, string description)
    {
        bool Has(string word) => description.Contains(word, StringComparison.OrdinalIgnoreCase) || amountType.Contains(word, StringComparison.OrdinalIgnoreCase);
        return amountType == "ItemWithheldTax" || Has("WithheldTax") || Has("MarketplaceFacilitator") ? SettlementFeeTypes.WithheldTax
            : Has("FBA") || Has("Fulfil") || Has("PickAndPack") || Has("WeightBased") ? SettlementFeeTypes.Fulfilment
            : Has("Commission") || Has("Referral") ? SettlementFeeTypes.Commission
            : Has("Storage") ? SettlementFeeTypes.Storage
            : Has("Subscription") ? SettlementFeeTypes.Subscription
            : Has("ShippingLabel") || Has("ShippingChargeback") || Has("ShippingHB") ? SettlementFeeTypes.Shipping
            : SettlementFeeTypes.Other;
    }

    private sealed class Group(int row, string key, string transactionType, string? orderId, DateTimeOffset? postedAt)
    {
        private readonly Dictionary<string, decimal> _fees = new(StringComparer.Ordinal);

        public decimal Gross { get; set; }

        public List<string> Descriptions { get; } = [];

        public void AddFee(string type, decimal amount) => _fees[type] = _fees.GetValueOrDefault(type) + amount;

        public SettlementLine ToLine()
        {
            var fees = _fees.Where(f => f.Value != 0).Select(f => new SettlementFee(f.Key, f.Value)).ToList();
            var kind = orderId is null
                ? (Gross == 0 && fees.Count > 0 ? SettlementLineKind.Fee : SettlementLineKind.Adjustment)
                : transactionType.Contains("Chargeback", StringComparison.OrdinalIgnoreCase) || transactionType.Contains("Guarantee", StringComparison.OrdinalIgnoreCase)
                    ? SettlementLineKind.Chargeback
                : transactionType.Equals("Order", StringComparison.OrdinalIgnoreCase) ? SettlementLineKind.Payment
                : transactionType.Equals("Refund", StringComparison.OrdinalIgnoreCase) ? SettlementLineKind.Refund
                : SettlementLineKind.Adjustment;
            return new SettlementLine(row, key, kind, orderId, Gross, fees, Gross - fees.Sum(f => f.Amount), postedAt,
                $"{transactionType}: {string.Join(", ", Descriptions.Distinct())}");
        }
    }
}
