namespace Parity.Grains.Inventory;

/// <summary>The stored part of a SKU availability grain: which locations have pushed, so that a new activation
/// can ask them to push again instead of answering from nothing.</summary>
public sealed class SkuAvailabilityLocations
{
    /// <summary>Locations that have pushed at least once.</summary>
    public List<string> LocationIds { get; set; } = [];
}
