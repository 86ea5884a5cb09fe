using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Units taken off the shelf for inspection: OnHand falls, QualityControl rises.</summary>
/// <param name="Quantity">Units moved.</param>
/// <param name="Reason">Why they are inspected.</param>
[GenerateSerializer]
[Alias("parity.inventory.MovedToQualityControl")]
public sealed record MovedToQualityControl(
    [property: Id(0)] int Quantity,
    [property: Id(1)] string? Reason) : InventoryEvent;
