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
public sealed record ReservationRequestRejected(
    string RequestId,
    string ChannelId,
    string OrderRef,
    int Requested,
    int Available,
    RejectionReason Reason,
    long PolicyVersion) : InventoryEvent;
