namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// A reservation was taken back so the position's invariants hold again after stock fell (store sale,
/// cycle count, damage, quality control) or the policy tightened. The owner re-sources or backorders.
/// </summary>
/// <param name="ReservationId">The preempted reservation.</param>
/// <param name="ChannelId">Its channel.</param>
/// <param name="OrderRef">Its owner, to be notified.</param>
/// <param name="Quantity">Units it held.</param>
/// <param name="Cause">The movement that forced it.</param>
public sealed record ReservationPreempted(
    string ReservationId,
    string ChannelId,
    string OrderRef,
    int Quantity,
    PreemptionCause Cause) : InventoryEvent;
