using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Units left this location on a transfer: OnHand falls. The destination counts them InTransit.</summary>
/// <param name="TransferId">Transfer reference shared by both ends.</param>
/// <param name="Quantity">Units shipped.</param>
/// <param name="ToLocationId">Destination location.</param>
[GenerateSerializer]
[Alias("parity.inventory.TransferredOut")]
public sealed record TransferredOut(
    [property: Id(0)] string TransferId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string ToLocationId) : InventoryEvent;
