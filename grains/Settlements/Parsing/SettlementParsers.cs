using System.Security.Cryptography;
using System.Text;
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
        var parsed = provider switch
        {
            SettlementProviders.Stripe => StripePayoutParser.Parse(content, batchId),
            SettlementProviders.Adyen => AdyenSettlementParser.Parse(content, batchId),
            SettlementProviders.Amazon => AmazonSettlementParser.Parse(content, batchId),
            _ => throw new SettlementFileException(provider, 0, null, $"'{provider}' is not a provider Parity reads ({string.Join(", ", SettlementProviders.All)})."),
        };
        if (parsed.Currency.Length != 3 || !parsed.Currency.All(char.IsAsciiLetterUpper))
        {
            throw new SettlementFileException(provider, 2, "currency", $"'{parsed.Currency}' is not an ISO 4217 currency.");
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return new SettlementFile(provider, batchId, parsed.Currency, parsed.Lines, parsed.DeclaredPayout, parsed.PayoutDate, hash);
    }
}
