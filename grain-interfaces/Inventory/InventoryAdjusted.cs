using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A cycle count: OnHand becomes <paramref name="CountedQuantity"/>, a change of <paramref name="Delta"/>.</summary>
/// <param name="CountedQuantity">Sellable units counted on the shelf.</param>
/// <param name="Delta">Counted minus OnHand before the count.</param>
/// <param name="Reason">Why the count was taken.</param>
[GenerateSerializer]
[Alias("parity.inventory.InventoryAdjusted")]
public sealed record InventoryAdjusted(
    [property: Id(0)] int CountedQuantity,
    [property: Id(1)] int Delta,
    [property: Id(2)] string? Reason) : InventoryEvent;
