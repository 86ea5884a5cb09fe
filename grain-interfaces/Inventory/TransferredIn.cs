using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Transferred units arrived: OnHand rises by <paramref name="Quantity"/>, InTransit falls by <paramref name="InTransitSettled"/>.</summary>
/// <param name="TransferId">Transfer reference shared by both ends.</param>
/// <param name="Quantity">Units received.</param>
/// <param name="InTransitSettled">Units taken off InTransit for this transfer (never more than were announced).</param>
/// <param name="FromLocationId">Origin location.</param>
[GenerateSerializer]
[Alias("parity.inventory.TransferredIn")]
public sealed record TransferredIn(
    [property: Id(0)] string TransferId,
    [property: Id(1)] int Quantity,
    [property: Id(2)] int InTransitSettled,
    [property: Id(3)] string FromLocationId) : InventoryEvent;
