using Orleans;

namespace Parity.GrainInterfaces.StoreDays;

/// <summary>What a batch did, ticket by ticket. A re-sent batch gets this same answer.</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="StoreDay">The store day key.</param>
/// <param name="Tickets">One entry per ticket of the batch, in batch order.</param>
/// <param name="AdjustmentFactId">The adjustment fact the batch's late tickets became, if any.</param>
[GenerateSerializer]
[Alias("parity.storedays.PosBatchOutcome")]
public sealed record PosBatchOutcome(
    [property: Id(0)] string BatchId,
    [property: Id(1)] string StoreDay,
    [property: Id(2)] IReadOnlyList<PosTicketOutcome> Tickets,
    [property: Id(3)] string? AdjustmentFactId);

/// <summary>What became of one ticket.</summary>
/// <param name="TicketId">The ticket.</param>
/// <param name="Status">Recorded, recorded late (an adjustment), a duplicate of a ticket already recorded, or a conflict with one.</param>
[GenerateSerializer]
[Alias("parity.storedays.PosTicketOutcome")]
public sealed record PosTicketOutcome([property: Id(0)] string TicketId, [property: Id(1)] PosTicketStatus Status);

/// <summary>What became of a ticket.</summary>
[GenerateSerializer]
[Alias("parity.storedays.PosTicketStatus")]
public enum PosTicketStatus
{
    /// <summary>Recorded on the open day.</summary>
    Recorded,

    /// <summary>Recorded after close: posted as a StoreDayAdjustment, the summary untouched.</summary>
    RecordedLate,

    /// <summary>Its ticket id was already recorded with the same content; nothing changed.</summary>
    Duplicate,

    /// <summary>Its ticket id was already recorded with other content; nothing changed. The till reused a ticket id or
    /// edited a ticket after sending it: someone should look.</summary>
    Conflict,
}
