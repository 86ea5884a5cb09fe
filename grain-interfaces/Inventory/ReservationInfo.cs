namespace Parity.GrainInterfaces.Inventory;

/// <summary>An active reservation as the position query shows it.</summary>
/// <param name="ReservationId">Id, unique within the position.</param>
/// <param name="RequestId">The reserve request it answered.</param>
/// <param name="ChannelId">Channel the units are held for.</param>
/// <param name="OrderRef">Owner, told on preemption or expiry.</param>
/// <param name="Quantity">Units held.</param>
/// <param name="Kind">Cart or Order.</param>
/// <param name="ExpiresAt">Cart expiry; null for Order reservations.</param>
/// <param name="PolicyVersion">Policy version it was judged by.</param>
public sealed record ReservationInfo(
    string ReservationId,
    string RequestId,
    string ChannelId,
    string OrderRef,
    int Quantity,
    ReservationKind Kind,
    DateTimeOffset? ExpiresAt,
    long PolicyVersion);
