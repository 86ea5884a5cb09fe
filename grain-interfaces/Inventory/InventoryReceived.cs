using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Units received into OnHand; <paramref name="IncomingSettled"/> of them had been Incoming.</summary>
/// <param name="Quantity">Units received.</param>
/// <param name="IncomingSettled">Units taken off Incoming (never more than Incoming was).</param>
/// <param name="Reference">Receipt, purchase order or ASN reference.</param>
[GenerateSerializer]
[Alias("parity.inventory.InventoryReceived")]
public sealed record InventoryReceived(
    [property: Id(0)] int Quantity,
    [property: Id(1)] int IncomingSettled,
    [property: Id(2)] string? Reference) : InventoryEvent;
