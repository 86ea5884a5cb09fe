using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A damage write-off: units move from OnHand to Damaged.</summary>
/// <param name="Quantity">Units written off.</param>
/// <param name="Reason">What happened.</param>
[GenerateSerializer]
[Alias("parity.inventory.DamageRecorded")]
public sealed record DamageRecorded([property: Id(0)] int Quantity, [property: Id(1)] string? Reason) : InventoryEvent;
