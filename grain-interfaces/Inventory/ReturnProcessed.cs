using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A return awaiting processing was decided: units leave QualityControl to OnHand (Restocked) or Damaged.</summary>
/// <param name="ReturnRef">The return being processed.</param>
/// <param name="Quantity">Units decided.</param>
/// <param name="Outcome">Restocked or Damaged.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReturnProcessed")]
public sealed record ReturnProcessed(
    [property: Id(0)] string ReturnRef,
    [property: Id(1)] int Quantity,
    [property: Id(2)] QualityControlOutcome Outcome) : InventoryEvent;
