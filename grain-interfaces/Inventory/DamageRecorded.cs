namespace Parity.GrainInterfaces.Inventory;

/// <summary>A damage write-off: units move from OnHand to Damaged.</summary>
/// <param name="Quantity">Units written off.</param>
/// <param name="Reason">What happened.</param>
public sealed record DamageRecorded(int Quantity, string? Reason) : InventoryEvent;
