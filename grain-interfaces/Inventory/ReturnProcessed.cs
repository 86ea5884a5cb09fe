namespace Parity.GrainInterfaces.Inventory;

/// <summary>A return awaiting processing was decided: units leave QualityControl to OnHand (Restocked) or Damaged.</summary>
/// <param name="ReturnRef">The return being processed.</param>
/// <param name="Quantity">Units decided.</param>
/// <param name="Outcome">Restocked or Damaged.</param>
public sealed record ReturnProcessed(string ReturnRef, int Quantity, QualityControlOutcome Outcome) : InventoryEvent;
