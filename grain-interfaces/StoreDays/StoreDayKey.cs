using System.Globalization;
using Orleans;

namespace Parity.GrainInterfaces.StoreDays;

/// <summary>Identity of a store day: a store and its business date, written <c>{store}:{yyyy-MM-dd}</c>.</summary>
/// <param name="Store">The store (a location id).</param>
/// <param name="BusinessDate">The business date the POS assigns, which may differ from the calendar date of a ticket.</param>
[GenerateSerializer]
[Alias("parity.storedays.StoreDayKey")]
public readonly record struct StoreDayKey([property: Id(0)] string Store, [property: Id(1)] DateOnly BusinessDate)
{
    /// <summary>The format of business dates in keys, URLs and files.</summary>
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Parses <c>{store}:{yyyy-MM-dd}</c>; the last ':' separates, so store ids may contain ':'.</summary>
    public static StoreDayKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var colon = key.LastIndexOf(':');
        if (colon <= 0 || !TryParseDate(key[(colon + 1)..], out var date))
        {
            throw new FormatException($"'{key}' is not a store day key of the form STORE:yyyy-MM-dd.");
        }

        return new StoreDayKey(key[..colon], date);
    }

    /// <summary>Parses a business date written <c>yyyy-MM-dd</c>.</summary>
    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <inheritdoc />
    public override string ToString() => $"{Store}:{BusinessDate.ToString(DateFormat, CultureInfo.InvariantCulture)}";
}
