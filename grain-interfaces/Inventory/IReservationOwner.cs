
namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// Implemented by the grain that owns reservations (the order grain; key = the reservation's order ref).
/// Positions call it once the preemption or expiry is durable, and retry until the call succeeds, so delivery
/// is at least once: implementations must treat a repeated notice (same reservation id) as done.
/// </summary>
[Orleans.Alias("parity.inventory.IReservationOwner")]
public interface IReservationOwner : IGrainWithStringKey
{
    /// <summary>A reservation was taken back because stock fell or the policy tightened; re-source or backorder.</summary>
    /// <param name="position">Where the reservation was held.</param>
    /// <param name="notice">The preemption.</param>
    [Orleans.Alias("ReservationPreempted")]
    Task ReservationPreemptedAsync(PositionKey position, ReservationPreempted notice);

    /// <summary>A Cart reservation reached its expires-at and was released.</summary>
    /// <param name="position">Where the reservation was held.</param>
    /// <param name="notice">The expiry.</param>
    [Orleans.Alias("ReservationExpired")]
    Task ReservationExpiredAsync(PositionKey position, ReservationExpired notice);
}
