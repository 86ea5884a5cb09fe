using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Inspected units leave QualityControl, back to OnHand or written off as Damaged.</summary>
/// <param name="Quantity">Units released.</param>
/// <param name="Outcome">Where they go.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReleasedFromQualityControl")]
public sealed record ReleasedFromQualityControl(
    [property: Id(0)] int Quantity,
    [property: Id(1)] QualityControlOutcome Outcome) : InventoryEvent;
