using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements.Parsing;

/// <summary>
/// Reads a provider's settlement file in its published layout into a <see cref="SettlementFile"/>. The whole file is
/// checked before anything is returned, so a malformed row refuses the file with an error naming the row and column
/// and nothing of it is applied.
/// </summary>
public static class SettlementParsers
{
    /// <summary>Whether Parity reads files of <paramref name="provider"/>.</summary>
    public static bool IsKnown(string provider) => SettlementProviders.All.Contains(provider, StringComparer.Ordinal);

    /// <summary>The media type a provider's files are sent with.</summary>
    public static string MediaType(string provider) => provider == SettlementProviders.Amazon ? "text/tab-separated-values" : "text/csv";

    /// <summary>Parses <paramref name="content"/> as a file of <paramref name="provider"/> for batch <paramref name="batchId"/>.</summary>
    /// <exception cref="SettlementFileException">The file is malformed, or names another batch.</exception>
    public static SettlementFile Parse(string provider, string batchId, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        (List<SettlementLine> Lines, string Currency, decimal? DeclaredPayout, DateTimeOffset? PayoutDate) parsed;
        try
        {
            parsed = provider switch
            {
                SettlementProviders.Stripe => StripePayoutParser.Parse(content, batchId),
                SettlementProviders.Adyen => AdyenSettlementParser.Parse(content, batchId),
                SettlementProviders.Amazon => AmazonSettlementParser.Parse(content, batchId),
                _ => throw new SettlementFileException(provider, 0, null, $"'{provider}' is not a provider Parity reads ({string.Join(", ", SettlementProviders.All)})."),
            };
            CheckTotals(provider, parsed.Lines);
        }
        catch (OverflowException)
        {
            throw new SettlementFileException(provider, 0, null, "the file's amounts add up to more than an amount can hold; nothing of it was recorded.");
        }

        if (!Limits.IsCurrency(parsed.Currency))
        {
            throw new SettlementFileException(provider, 2, "currency", $"'{parsed.Currency}' is not an ISO 4217 currency Parity accepts.");
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return new SettlementFile(provider, batchId, parsed.Currency, parsed.Lines, parsed.DeclaredPayout, parsed.PayoutDate, hash);
    }

    // The batch's totals (gross, fees, net, and the payout they explain) must themselves be figures within bounds, so
    // the batch grain and the reports that sum batches never overflow. Checked here, before anything is journaled.
    private static void CheckTotals(string provider, IReadOnlyList<SettlementLine> lines)
    {
        decimal gross = 0, net = 0, fees = 0;
        foreach (var line in lines)
        {
            gross = checked(gross + line.Gross);
            net = checked(net + line.Net);
            foreach (var fee in line.Fees)
            {
                fees = checked(fees + fee.Amount);
            }

            if (Math.Abs(line.Gross) > Limits.MaxAmount || Math.Abs(line.Net) > Limits.MaxAmount)
            {
                throw new SettlementFileException(provider, line.Row, null, "an amount of the row is beyond 1,000,000,000.00 either way.");
            }
        }

        foreach (var (name, total) in new[] { ("gross", gross), ("net", net), ("fees", fees) })
        {
            if (Math.Abs(total) > Limits.MaxBatchTotal)
            {
                throw new SettlementFileException(provider, 0, null,
                    string.Create(CultureInfo.InvariantCulture, $"the file's {name} total is beyond {Limits.MaxBatchTotal:N2} either way; split the payout or check the file."));
            }
        }
    }
}
