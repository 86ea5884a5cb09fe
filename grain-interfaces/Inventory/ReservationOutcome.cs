using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>What a position decided for a reserve request; a retry of the request returns this same value.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Status">Accepted or Rejected.</param>
/// <param name="ReservationId">The reservation created; null when rejected.</param>
/// <param name="Quantity">Units asked for this position (lines summed).</param>
/// <param name="Available">The channel's ATS when a request was rejected; null when accepted.</param>
/// <param name="Reason">Why it was rejected; null when accepted.</param>
/// <param name="PolicyVersion">Version of the channel policy it was judged by.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReservationOutcome")]
// Immutable: Orleans passes it by reference within a silo instead of deep-copying it on every call.
[Immutable]
public sealed record ReservationOutcome(
    [property: Id(0)] string RequestId,
    [property: Id(1)] ReservationStatus Status,
    [property: Id(2)] string? ReservationId,
    [property: Id(3)] int Quantity,
    [property: Id(4)] int? Available,
    [property: Id(5)] RejectionReason? Reason,
    [property: Id(6)] long PolicyVersion)
{
    /// <summary>Whether the demand is held.</summary>
    public bool IsAccepted => Status == ReservationStatus.Accepted;
}
