using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>A reservation that still counts in Reserved.</summary>
/// <param name="Id">Reservation id, unique within the position.</param>
/// <param name="RequestId">The reserve request it answered.</param>
/// <param name="ChannelId">Channel the units are held for.</param>
/// <param name="OrderRef">Owner, told on preemption.</param>
/// <param name="Quantity">Units held.</param>
/// <param name="Kind">Cart or Order.</param>
/// <param name="ExpiresAt">Cart expiry; null for Order reservations.</param>
/// <param name="PolicyVersion">Policy version it was judged by.</param>
/// <param name="Sequence">Order of creation within the position (1, 2, ...); higher is newer.</param>
/// <param name="ReservedAt">Decision time; null in snapshots written before it was kept.</param>
public sealed record ActiveReservation(
    string Id,
    string RequestId,
    string ChannelId,
    string OrderRef,
    int Quantity,
    ReservationKind Kind,
    DateTimeOffset? ExpiresAt,
    long PolicyVersion,
    long Sequence,
    DateTimeOffset? ReservedAt = null);
