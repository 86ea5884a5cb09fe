using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// A channel asks to hold stock for an order or cart. All-or-nothing: a position holds the summed demand
/// of every line for it, or nothing. Idempotent by <paramref name="RequestId"/>: a retry gets the original
/// outcome.
/// </summary>
/// <param name="RequestId">Idempotency key chosen by the caller.</param>
/// <param name="ChannelId">Requesting channel; its tier, cap and TTL come from the channel policy.</param>
/// <param name="OrderRef">Owning order or cart, told if the reservation is preempted.</param>
/// <param name="Kind">Cart (expires after the channel's TTL) or Order.</param>
/// <param name="Lines">Lines; several may hit the same position.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReserveRequest")]
// Immutable: Orleans passes it by reference within a silo instead of deep-copying it on every call.
[Immutable]
public sealed record ReserveRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string ChannelId,
    [property: Id(2)] string OrderRef,
    [property: Id(3)] ReservationKind Kind,
    [property: Id(4)] IReadOnlyList<ReserveLine> Lines);
