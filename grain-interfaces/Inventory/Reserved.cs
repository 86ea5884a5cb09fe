using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A reservation was accepted; it counts in Reserved until released, expired, preempted or shipped.</summary>
/// <param name="ReservationId">Id of the new reservation, unique within the position.</param>
/// <param name="RequestId">The reserve request it answers (idempotency key).</param>
/// <param name="ChannelId">Channel the units are held for.</param>
/// <param name="OrderRef">Owning order or cart, told when the reservation is preempted.</param>
/// <param name="Quantity">Units held: the sum of the request's lines for this position.</param>
/// <param name="Kind">Cart (expires) or Order.</param>
/// <param name="ExpiresAt">When a Cart reservation expires; null for Order reservations.</param>
/// <param name="PolicyVersion">Version of the channel policy the request was judged by.</param>
/// <param name="ReservedAt">Decision time.</param>
[GenerateSerializer]
[Alias("parity.inventory.Reserved")]
public sealed record Reserved(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string ChannelId,
    [property: Id(3)] string OrderRef,
    [property: Id(4)] int Quantity,
    [property: Id(5)] ReservationKind Kind,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] long PolicyVersion,
    [property: Id(8)] DateTimeOffset ReservedAt) : InventoryEvent;
