using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// The most a channel may hold reserved at once at a position: a fixed number of units, or a fraction
/// of sellable stock (OnHand), e.g. marketplace ≤ 30 % during a flash sale.
/// </summary>
[GenerateSerializer]
[Alias("parity.inventory.ChannelCap")]
public sealed record ChannelCap
{
    // The stored form of a policy (the policy grain's journal) is read back through this constructor.
    [JsonConstructor]
    private ChannelCap(int? maxUnits, decimal? fraction)
    {
        MaxUnits = maxUnits;
        Fraction = fraction;
    }

    /// <summary>Fixed cap in units; null when the cap is a fraction.</summary>
    [Id(0)]
    public int? MaxUnits { get; init; }

    /// <summary>Cap as a fraction of OnHand in [0, 1]; null when the cap is in units.</summary>
    [Id(1)]
    public decimal? Fraction { get; init; }

    /// <summary>A cap of at most <paramref name="maxUnits"/> units reserved at once.</summary>
    public static ChannelCap Units(int maxUnits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxUnits);
        return new ChannelCap(maxUnits, null);
    }

    /// <summary>A cap of at most <paramref name="fraction"/> × OnHand units (rounded down) reserved at once.</summary>
    public static ChannelCap FractionOfSellable(decimal fraction)
    {
        if (fraction is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A cap fraction must be between 0 and 1.");
        }

        return new ChannelCap(null, fraction);
    }

    /// <summary>The cap in units for the given OnHand; fractions round down so the cap is never exceeded.</summary>
    public int LimitFor(int onHand) =>
        MaxUnits ?? (int)decimal.Floor(Fraction.GetValueOrDefault() * Math.Max(0, onHand));
}
