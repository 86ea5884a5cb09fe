namespace Parity.Grains.Inventory;

/// <summary>The stored part of a SKU availability grain: which locations have pushed, so that a new activation
/// can ask them to push again instead of answering from nothing. Generated serializer: Orleans' grain-storage
/// serializers read back only types on Orleans' allow-list.</summary>
[GenerateSerializer]
[Alias("parity.inventory.SkuAvailabilityLocations")]
public sealed class SkuAvailabilityLocations
{
    /// <summary>Locations that have pushed at least once.</summary>
    [Id(0)]
    public List<string> LocationIds { get; set; } = [];
}
