namespace Parity.GrainInterfaces.Inventory;

/// <summary>A cycle count: OnHand becomes <paramref name="CountedQuantity"/>, a change of <paramref name="Delta"/>.</summary>
/// <param name="CountedQuantity">Sellable units counted on the shelf.</param>
/// <param name="Delta">Counted minus OnHand before the count.</param>
/// <param name="Reason">Why the count was taken.</param>
public sealed record InventoryAdjusted(int CountedQuantity, int Delta, string? Reason) : InventoryEvent;
