namespace Parity.GrainInterfaces.Inventory;

/// <summary>Result of a stock movement: reservations it preempted, and a NegativeStock report if any.</summary>
/// <param name="Preempted">Reservations taken back, in the order they were chosen; each owner must be told.</param>
/// <param name="NegativeStock">Set when a POS sale went beyond OnHand.</param>
public sealed record MovementResult(IReadOnlyList<ReservationPreempted> Preempted, NegativeStock? NegativeStock)
{
    /// <summary>A movement that preempted nothing and reported nothing.</summary>
    public static MovementResult None { get; } = new([], null);
}
