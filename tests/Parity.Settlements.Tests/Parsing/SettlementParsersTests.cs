using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Settlements.Parsing;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Parsing;

public sealed class SettlementParsersTests
{
    [Fact]
    public void Stripe_ItemizedPayoutReconciliation_ReadsEveryReportingCategory()
    {
        var file = SettlementParsers.Parse(SettlementProviders.Stripe, Samples.StripeBatch, Samples.Stripe);

        Assert.Equal("USD", file.Currency);
        Assert.Equal(
            [SettlementLineKind.Payment, SettlementLineKind.Payment, SettlementLineKind.Refund, SettlementLineKind.Chargeback, SettlementLineKind.Fee],
            file.Lines.Select(l => l.Kind));
        var charge = file.Lines[0];
        Assert.Equal((2, "txn_3Q1aWeb1001", "pi_3Q1aWeb1001", 100.00m, 96.80m), (charge.Row, charge.LineId, charge.Reference, charge.Gross, charge.Net));
        Assert.Equal([new SettlementFee(SettlementFeeTypes.Processing, 3.20m)], charge.Fees);
        Assert.Equal("Order 1001, web store", charge.Description);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 14, 5, TimeSpan.Zero), charge.OccurredAt);
        var dispute = file.Lines[3];
        Assert.Equal((-30.00m, -45.00m), (dispute.Gross, dispute.Net));
        Assert.Equal([new SettlementFee(SettlementFeeTypes.Chargeback, 15.00m)], dispute.Fees);
        var radar = file.Lines[4];
        Assert.Equal((0m, -2.00m, (string?)null), (radar.Gross, radar.Net, radar.Reference));
        Assert.Equal([new SettlementFee(SettlementFeeTypes.Other, 2.00m)], radar.Fees);
        Assert.Null(file.DeclaredPayout);
        Assert.Equal(78.05m, file.Lines.Sum(l => l.Net));
    }

    [Fact]
    public void Adyen_SettlementDetails_SplitsFeesByTypeAndReadsThePayout()
    {
        var file = SettlementParsers.Parse(SettlementProviders.Adyen, Samples.AdyenBatch, Samples.Adyen);

        Assert.Equal("EUR", file.Currency);
        Assert.Equal(
            [SettlementLineKind.Payment, SettlementLineKind.Payment, SettlementLineKind.Refund, SettlementLineKind.Chargeback, SettlementLineKind.Fee, SettlementLineKind.Payout],
            file.Lines.Select(l => l.Kind));
        var interchangePlus = file.Lines[0];
        Assert.Equal(("2001", 120.00m, 117.60m), (interchangePlus.Reference, interchangePlus.Gross, interchangePlus.Net));
        Assert.Equal(
            [new(SettlementFeeTypes.Markup, 0.60m), new(SettlementFeeTypes.Scheme, 0.30m), new SettlementFee(SettlementFeeTypes.Interchange, 1.50m)],
            interchangePlus.Fees);
        Assert.Equal([new SettlementFee(SettlementFeeTypes.Commission, 1.60m)], file.Lines[1].Fees);
        Assert.Equal(-60.00m, file.Lines[3].Gross);
        Assert.Equal([new SettlementFee(SettlementFeeTypes.Other, 15.00m)], file.Lines[4].Fees);
        Assert.Equal(101.00m, file.DeclaredPayout);
        Assert.Equal("8815987654321001:Settled", interchangePlus.LineId);
    }

    [Fact]
    public void Amazon_V2FlatFile_GroupsRowsPerTransactionWithFeesByType()
    {
        var file = SettlementParsers.Parse(SettlementProviders.Amazon, Samples.AmazonBatch, Samples.Amazon);

        Assert.Equal(("EUR", 93.12m), (file.Currency, file.DeclaredPayout));
        Assert.Equal(new DateTimeOffset(2026, 11, 17, 0, 0, 0, TimeSpan.Zero), file.PayoutDate);
        Assert.Equal(
            [SettlementLineKind.Payment, SettlementLineKind.Payment, SettlementLineKind.Payment, SettlementLineKind.Refund, SettlementLineKind.Fee, SettlementLineKind.Fee],
            file.Lines.Select(l => l.Kind));
        var first = file.Lines[0];
        Assert.Equal((3, "305-1111111-1111111", 52.59m, 41.50m), (first.Row, first.Reference, first.Gross, first.Net));
        Assert.Equal([new(SettlementFeeTypes.Commission, 7.87m), new SettlementFee(SettlementFeeTypes.Fulfilment, 3.22m)], first.Fees);
        Assert.Equal(27.25m, file.Lines[1].Gross);
        var refund = file.Lines[3];
        Assert.Equal((-47.60m, -41.30m), (refund.Gross, refund.Net));
        Assert.Equal([new SettlementFee(SettlementFeeTypes.Commission, -6.30m)], refund.Fees);
        Assert.Equal([new SettlementFee(SettlementFeeTypes.Subscription, 39.00m)], file.Lines[4].Fees);
        Assert.Equal([new SettlementFee(SettlementFeeTypes.Storage, 5.40m)], file.Lines[5].Fees);
        Assert.Equal(file.DeclaredPayout, file.Lines.Sum(l => l.Net));
    }

    [Fact]
    public void SameBytes_GiveTheSameContentHash_OtherBytesAnother()
    {
        var once = SettlementParsers.Parse(SettlementProviders.Stripe, Samples.StripeBatch, Samples.Stripe);
        var again = SettlementParsers.Parse(SettlementProviders.Stripe, Samples.StripeBatch, Samples.Stripe);
        var other = SettlementParsers.Parse(SettlementProviders.Stripe, Samples.StripeBatch, Samples.Stripe.Replace("Order 1002", "Order 1002 (web)", StringComparison.Ordinal));

        Assert.Equal(once.ContentHash, again.ContentHash);
        Assert.NotEqual(once.ContentHash, other.ContentHash);
    }

    [Theory]
    [InlineData("stripe", "usd,50.00,1.75", "usd,abc,1.75", 3, "gross", "'abc' is not an amount")]
    [InlineData("stripe", "50.00,1.75,48.25,charge", "50.00,1.75,47.25,charge", 3, "net", "is not gross")]
    [InlineData("stripe", "usd,-20.00", "eur,-20.00", 4, "currency", "differs from the batch currency")]
    [InlineData("stripe", "txn_3Q1eRadar", "", 6, "balance_transaction_id", "a value is required")]
    [InlineData("adyen", ",78.40,", ",78.4O,", 3, "Net Credit (NC)", "'78.4O' is not an amount")]
    [InlineData("adyen", "2026-11-03 09:45:00", "03/11/2026 9h45", 4, "Creation Date", "is not a date")]
    [InlineData("adyen", "mccredit,,812", "mccredit,,813", 3, "Batch Number", "another batch")]
    [InlineData("amazon", "-2.70", "-2.7O", 12, "amount", "'-2.7O' is not an amount")]
    [InlineData("amazon", "\tStorage Fee\t", "\t\t", 22, "amount-description", "a value is required")]
    public void MalformedRow_IsRefusedNamingTheRowAndColumn(string provider, string find, string replace, int row, string column, string? problem)
    {
        var (batch, content) = provider switch
        {
            "stripe" => (Samples.StripeBatch, Samples.Stripe),
            "adyen" => (Samples.AdyenBatch, Samples.Adyen),
            _ => (Samples.AmazonBatch, Samples.Amazon),
        };
        Assert.Contains(find, content, StringComparison.Ordinal);
        var broken = ReplaceFirst(content, find, replace);

        var error = Assert.Throws<SettlementFileException>(() => SettlementParsers.Parse(provider, batch, broken));

        Assert.Equal((row, column), (error.Row, error.Column));
        Assert.Contains($"Row {row}, column '{column}'", error.Message, StringComparison.Ordinal);
        if (problem is not null)
        {
            Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MissingColumn_IsRefusedNamingTheColumn()
    {
        var broken = Samples.Stripe.Replace("reporting_category", "category", StringComparison.Ordinal);

        var error = Assert.Throws<SettlementFileException>(() => SettlementParsers.Parse(SettlementProviders.Stripe, Samples.StripeBatch, broken));

        Assert.Equal((1, "reporting_category"), (error.Row, error.Column));
    }

    [Fact]
    public void UnclosedQuote_IsRefusedNamingTheRow()
    {
        var broken = Samples.Stripe.Replace("\"Partial refund, order 1001\"", "\"Partial refund, order 1001", StringComparison.Ordinal);

        var error = Assert.Throws<SettlementFileException>(() => SettlementParsers.Parse(SettlementProviders.Stripe, Samples.StripeBatch, broken));

        Assert.Equal(4, error.Row);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmazonFile_ForAnotherSettlement_IsRefused()
    {
        var error = Assert.Throws<SettlementFileException>(() => SettlementParsers.Parse(SettlementProviders.Amazon, "999", Samples.Amazon));

        Assert.Equal((2, "settlement-id"), (error.Row, error.Column));
    }

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var index = text.IndexOf(find, StringComparison.Ordinal);
        return text[..index] + replace + text[(index + find.Length)..];
    }
}
