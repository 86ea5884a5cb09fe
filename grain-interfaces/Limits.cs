using System.Collections.Frozen;

namespace Parity.GrainInterfaces;

/// <summary>
/// The bounds every quantity and amount Parity accepts stays within, in one place so the gateway's validation, the
/// settlement parsers and the grains' own checks agree (docs/operations.md, "Limits"). They are far above any real
/// retail figure and far below what an <see cref="int"/> or <see cref="decimal"/> can hold, so sums of many bounded
/// figures stay exact and never overflow.
/// </summary>
public static class Limits
{
    /// <summary>Most units one line of a request may carry (an order line, a reservation line, a movement, a POS line).</summary>
    public const int MaxLineQuantity = 1_000_000;

    /// <summary>Largest channel tier (and protected tier) a channel policy may name: tiers rank channels, so a handful is
    /// the norm; beyond this the number is a mistake.</summary>
    public const int MaxTier = 1_000;

    /// <summary>Earliest business time Parity accepts on a timestamp a channel or provider sends (a capture, an event).</summary>
    public static readonly DateTimeOffset EarliestBusinessTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead of the silo's clock a business timestamp may lie (clock skew between systems).</summary>
    public static readonly TimeSpan LatestBusinessTimeAhead = TimeSpan.FromDays(1);

    /// <summary>Most units one position may hold in any one figure (on hand, incoming, in transit, quality control,
    /// damaged). A movement that would take a figure past it is refused and stores nothing.</summary>
    public const int MaxPositionQuantity = 1_000_000_000;

    /// <summary>Largest absolute amount of one money figure (a price, a payment, a capture, a settlement line, a
    /// tender): 1,000,000,000.00 in the currency's units.</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>Largest absolute total of one settlement batch (gross, fees or net): 1,000,000,000,000.00. A file
    /// beyond it is refused whole.</summary>
    public const decimal MaxBatchTotal = 1_000_000_000_000m;

    // ISO 4217 minor units of the currencies Parity accepts. A code outside this table is refused: a typo such as
    // "EUO" or a word such as "euros" must not reach a ledger.
    private static readonly FrozenDictionary<string, int> MinorUnitsByCurrency = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AED"] = 2, ["ARS"] = 2, ["AUD"] = 2, ["BGN"] = 2, ["BHD"] = 3, ["BRL"] = 2, ["CAD"] = 2, ["CHF"] = 2, ["CLP"] = 0,
        ["CNY"] = 2, ["COP"] = 2, ["CZK"] = 2, ["DKK"] = 2, ["EGP"] = 2, ["EUR"] = 2, ["GBP"] = 2, ["HKD"] = 2, ["HUF"] = 2,
        ["IDR"] = 2, ["ILS"] = 2, ["INR"] = 2, ["ISK"] = 0, ["JOD"] = 3, ["JPY"] = 0, ["KRW"] = 0, ["KWD"] = 3, ["MAD"] = 2,
        ["MXN"] = 2, ["MYR"] = 2, ["NOK"] = 2, ["NZD"] = 2, ["OMR"] = 3, ["PEN"] = 2, ["PHP"] = 2, ["PLN"] = 2, ["QAR"] = 2,
        ["RON"] = 2, ["SAR"] = 2, ["SEK"] = 2, ["SGD"] = 2, ["THB"] = 2, ["TND"] = 3, ["TRY"] = 2, ["TWD"] = 2, ["UAH"] = 2,
        ["USD"] = 2, ["VND"] = 0, ["ZAR"] = 2,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The currencies Parity accepts, by ISO 4217 code.</summary>
    public static IEnumerable<string> Currencies => MinorUnitsByCurrency.Keys;

    /// <summary>The ISO 4217 minor units (decimals) of <paramref name="currency"/>, or null when Parity does not accept it.</summary>
    public static int? MinorUnits(string? currency) =>
        currency is not null && MinorUnitsByCurrency.TryGetValue(currency, out var units) ? units : null;

    /// <summary>Whether <paramref name="currency"/> is an ISO 4217 code Parity accepts.</summary>
    public static bool IsCurrency(string? currency) => MinorUnits(currency) is not null;

    /// <summary>What is wrong with one money figure, in business words, or null when it is within bounds: at most
    /// <see cref="MaxAmount"/> either way and no more decimals than <paramref name="currency"/> has (4 when the
    /// currency is unknown or not yet checked, for unit prices that carry more).</summary>
    /// <param name="amount">The figure.</param>
    /// <param name="field">The field's name in the request, for the message.</param>
    /// <param name="currency">The figure's currency; null to check the range only.</param>
    /// <param name="extraDecimals">Decimals allowed beyond the currency's (unit prices may carry 2 more).</param>
    public static string? AmountProblem(decimal amount, string field, string? currency, int extraDecimals = 0)
    {
        if (Math.Abs(amount) > MaxAmount)
        {
            return $"'{field}' must be between -1,000,000,000.00 and 1,000,000,000.00; {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} was sent.";
        }

        if (MinorUnits(currency) is { } units && decimal.Round(amount, units + extraDecimals) != amount)
        {
            return $"'{field}' has more decimals than {currency} allows ({units + extraDecimals}); {amount.ToString(System.Globalization.CultureInfo.InvariantCulture)} was sent.";
        }

        return null;
    }
}
