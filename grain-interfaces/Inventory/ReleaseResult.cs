using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Result of releasing a reservation.</summary>
/// <param name="ReservationId">The reservation.</param>
/// <param name="Released">True if it was active and is now released; false if it had already ended
/// (released, expired, preempted or shipped) — a retried release is not an error.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReleaseResult")]
public sealed record ReleaseResult([property: Id(0)] string ReservationId, [property: Id(1)] bool Released);
