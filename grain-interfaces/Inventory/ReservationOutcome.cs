namespace Parity.GrainInterfaces.Inventory;

/// <summary>What a position decided for a reserve request; a retry of the request returns this same value.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Status">Accepted or Rejected.</param>
/// <param name="ReservationId">The reservation created; null when rejected.</param>
/// <param name="Quantity">Units asked for this position (lines summed).</param>
/// <param name="Available">The channel's ATS when a request was rejected; null when accepted.</param>
/// <param name="Reason">Why it was rejected; null when accepted.</param>
/// <param name="PolicyVersion">Version of the channel policy it was judged by.</param>
public sealed record ReservationOutcome(
    string RequestId,
    ReservationStatus Status,
    string? ReservationId,
    int Quantity,
    int? Available,
    RejectionReason? Reason,
    long PolicyVersion)
{
    /// <summary>Whether the demand is held.</summary>
    public bool IsAccepted => Status == ReservationStatus.Accepted;
}
