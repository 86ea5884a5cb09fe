using Orleans;

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
[GenerateSerializer]
[Alias("parity.inventory.ReservationInfo")]
public sealed record ReservationInfo(
    [property: Id(0)] string ReservationId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] string ChannelId,
    [property: Id(3)] string OrderRef,
    [property: Id(4)] int Quantity,
    [property: Id(5)] ReservationKind Kind,
    [property: Id(6)] DateTimeOffset? ExpiresAt,
    [property: Id(7)] long PolicyVersion);
