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
public sealed record Reserved(
    string ReservationId,
    string RequestId,
    string ChannelId,
    string OrderRef,
    int Quantity,
    ReservationKind Kind,
    DateTimeOffset? ExpiresAt,
    long PolicyVersion,
    DateTimeOffset ReservedAt) : InventoryEvent;
