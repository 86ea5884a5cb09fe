using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Identity of an inventory position: one SKU at one location, written <c>SKU@LOCATION</c>.</summary>
/// <param name="Sku">Stock-keeping unit.</param>
/// <param name="LocationId">Store, distribution centre or 3PL.</param>
[GenerateSerializer]
[Alias("parity.inventory.PositionKey")]
public readonly record struct PositionKey([property: Id(0)] string Sku, [property: Id(1)] string LocationId)
{
    /// <summary>Parses <c>SKU@LOCATION</c>; the last '@' separates, so SKUs may contain '@'.</summary>
    public static PositionKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var at = key.LastIndexOf('@');
        if (at <= 0 || at == key.Length - 1)
        {
            throw new FormatException($"'{key}' is not a position key of the form SKU@LOCATION.");
        }

        return new PositionKey(key[..at], key[(at + 1)..]);
    }

    /// <summary>Whether a request line is for this position.</summary>
    public bool Matches(ReserveLine line) => line.Sku == Sku && line.LocationId == LocationId;

    /// <inheritdoc />
    public override string ToString() => $"{Sku}@{LocationId}";
}
