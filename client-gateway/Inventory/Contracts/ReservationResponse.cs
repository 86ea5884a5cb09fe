using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory.Contracts;

/// <summary>The answer to an accepted reserve request.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="ChannelId">The channel holding the units.</param>
/// <param name="OrderRef">The owning order or cart.</param>
/// <param name="Kind">Cart or Order.</param>
/// <param name="Reservations">One reservation per position; release or ship each by its SKU, location and id.</param>
public sealed record ReservationResponse(string RequestId, string ChannelId, string OrderRef, ReservationKind Kind, IReadOnlyList<HeldReservation> Reservations);

/// <summary>Units held at one position.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="LocationId">The location.</param>
/// <param name="ReservationId">The reservation's id at that position.</param>
/// <param name="Quantity">Units held.</param>
/// <param name="PolicyVersion">Channel policy version it was judged by.</param>
public sealed record HeldReservation(string Sku, string LocationId, string ReservationId, int Quantity, long PolicyVersion);

/// <summary>Why one position refused a reserve request.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="LocationId">The location.</param>
/// <param name="Requested">Units asked there.</param>
/// <param name="Available">The channel's ATS there when judged.</param>
/// <param name="Reason">InsufficientStock or CapExceeded.</param>
public sealed record RefusedLine(string Sku, string LocationId, int Requested, int? Available, RejectionReason? Reason);
