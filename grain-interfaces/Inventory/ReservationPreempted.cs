using Orleans;

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
[GenerateSerializer]
[Alias("parity.inventory.ReservationPreempted")]
public sealed record ReservationPreempted(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string ChannelId,
    [property: Id(2)] string OrderRef,
    [property: Id(3)] int Quantity,
    [property: Id(4)] PreemptionCause Cause) : InventoryEvent;
