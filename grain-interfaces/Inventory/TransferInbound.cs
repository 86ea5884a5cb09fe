using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A transfer to this location was shipped: its units count as InTransit here until received.</summary>
/// <param name="TransferId">Transfer reference shared by both ends.</param>
/// <param name="Quantity">Units on the way.</param>
/// <param name="FromLocationId">Origin location.</param>
[GenerateSerializer]
[Alias("parity.inventory.TransferInbound")]
public sealed record TransferInbound(
    [property: Id(0)] string TransferId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] string FromLocationId) : InventoryEvent;
