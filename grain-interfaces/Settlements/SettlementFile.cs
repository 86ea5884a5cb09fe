using Orleans;

namespace Parity.GrainInterfaces.Settlements;

/// <summary>A provider settlement file, parsed and checked whole: every line in canonical form.</summary>
/// <param name="Provider">The provider (see <see cref="SettlementProviders"/>).</param>
/// <param name="BatchId">The provider's id of the batch (Stripe payout id, Adyen batch number, Amazon settlement id).</param>
/// <param name="Currency">ISO 4217 currency of every amount, upper case.</param>
/// <param name="Lines">The lines in file order.</param>
/// <param name="DeclaredPayout">The payout the file declares (Amazon total-amount, Adyen MerchantPayout), when it declares one.</param>
/// <param name="PayoutDate">When the money reaches the bank, when the file says.</param>
/// <param name="ContentHash">SHA-256 of the file's bytes: the same file again is recognised and changes nothing.</param>
[GenerateSerializer]
[Alias("parity.settlements.SettlementFile")]
public sealed record SettlementFile(
    [property: Id(0)] string Provider,
    [property: Id(1)] string BatchId,
    [property: Id(2)] string Currency,
    [property: Id(3)] IReadOnlyList<SettlementLine> Lines,
    [property: Id(4)] decimal? DeclaredPayout,
    [property: Id(5)] DateTimeOffset? PayoutDate,
    [property: Id(6)] string ContentHash);

/// <summary>The providers whose settlement files Parity reads.</summary>
public static class SettlementProviders
{
    /// <summary>Stripe payout reconciliation, itemized (CSV).</summary>
    public const string Stripe = "stripe";

    /// <summary>Adyen settlement details report (CSV).</summary>
    public const string Adyen = "adyen";

    /// <summary>Amazon V2 settlement report flat file (tab-separated).</summary>
    public const string Amazon = "amazon";

    /// <summary>Every provider.</summary>
    public static IReadOnlyList<string> All { get; } = [Stripe, Adyen, Amazon];
}
