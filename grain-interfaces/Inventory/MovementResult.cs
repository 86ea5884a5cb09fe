using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Result of a stock movement: reservations it preempted, and a NegativeStock report if any.</summary>
/// <param name="Preempted">Reservations taken back, in the order they were chosen; each owner must be told.</param>
/// <param name="NegativeStock">Set when a POS sale went beyond OnHand.</param>
[GenerateSerializer]
[Alias("parity.inventory.MovementResult")]
public sealed record MovementResult(
    [property: Id(0)] IReadOnlyList<ReservationPreempted> Preempted,
    [property: Id(1)] NegativeStock? NegativeStock)
{
    /// <summary>A movement that preempted nothing and reported nothing.</summary>
    public static MovementResult None { get; } = new([], null);
}
