namespace Parity.GrainInterfaces.Inventory;

/// <summary>Transferred units arrived: OnHand rises by <paramref name="Quantity"/>, InTransit falls by <paramref name="InTransitSettled"/>.</summary>
/// <param name="TransferId">Transfer reference shared by both ends.</param>
/// <param name="Quantity">Units received.</param>
/// <param name="InTransitSettled">Units taken off InTransit for this transfer (never more than were announced).</param>
/// <param name="FromLocationId">Origin location.</param>
public sealed record TransferredIn(string TransferId, int Quantity, int InTransitSettled, string FromLocationId) : InventoryEvent;
