namespace Parity.GrainInterfaces.Inventory;

/// <summary>Inspected units leave QualityControl, back to OnHand or written off as Damaged.</summary>
/// <param name="Quantity">Units released.</param>
/// <param name="Outcome">Where they go.</param>
public sealed record ReleasedFromQualityControl(int Quantity, QualityControlOutcome Outcome) : InventoryEvent;
