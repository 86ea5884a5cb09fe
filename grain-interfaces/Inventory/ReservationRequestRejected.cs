using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// A reserve request was refused. Recorded so that a retry of the same request id gets this original
/// rejection back even if stock has come free since.
/// </summary>
/// <param name="RequestId">The refused request.</param>
/// <param name="ChannelId">Requesting channel.</param>
/// <param name="OrderRef">Owning order or cart.</param>
/// <param name="Requested">Units asked for this position (lines summed).</param>
/// <param name="Available">ATS for the channel when judged.</param>
/// <param name="Reason">Why it was refused.</param>
/// <param name="PolicyVersion">Version of the channel policy the request was judged by.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReservationRequestRejected")]
public sealed record ReservationRequestRejected(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string ChannelId,
    [property: Id(2)] string OrderRef,
    [property: Id(3)] int Requested,
    [property: Id(4)] int Available,
    [property: Id(5)] RejectionReason Reason,
    [property: Id(6)] long PolicyVersion) : InventoryEvent;
