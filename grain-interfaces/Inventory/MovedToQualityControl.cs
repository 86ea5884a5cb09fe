namespace Parity.GrainInterfaces.Inventory;

/// <summary>Units taken off the shelf for inspection: OnHand falls, QualityControl rises.</summary>
/// <param name="Quantity">Units moved.</param>
/// <param name="Reason">Why they are inspected.</param>
public sealed record MovedToQualityControl(int Quantity, string? Reason) : InventoryEvent;
