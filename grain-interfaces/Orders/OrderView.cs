using System.Text.Json;

namespace Parity.GrainInterfaces.Orders;

/// <summary>An order as the status endpoint shows it.</summary>
/// <param name="OrderId">Canonical id.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Status">Derived status.</param>
/// <param name="Currency">Currency.</param>
/// <param name="PlacedAt">When placed.</param>
/// <param name="Lines">Line states.</param>
/// <param name="Authorized">Amount authorized.</param>
/// <param name="Captured">Amount captured.</param>
/// <param name="Refunded">Amount refunded.</param>
/// <param name="ParkedEvents">Event ids waiting for a prerequisite.</param>
/// <param name="ExchangeOf">The order this one is an exchange for.</param>
/// <param name="Exchanges">Orders placed as exchanges of this one.</param>
/// <param name="Version">Number of journaled events.</param>
public sealed record OrderView(
    string OrderId,
    string Channel,
    OrderStatus Status,
    string? Currency,
    DateTimeOffset? PlacedAt,
    IReadOnlyList<OrderLineView> Lines,
    decimal Authorized,
    decimal Captured,
    decimal Refunded,
    IReadOnlyList<string> ParkedEvents,
    string? ExchangeOf,
    IReadOnlyList<string> Exchanges,
    long Version);

/// <summary>The state of one line: units in each partial state.</summary>
/// <param name="LineId">Line id.</param>
/// <param name="Sku">SKU.</param>
/// <param name="Quantity">Ordered.</param>
/// <param name="Allocated">Reserved and not yet shipped.</param>
/// <param name="Backordered">Open units with no reservation.</param>
/// <param name="Shipped">Shipped.</param>
/// <param name="Delivered">Delivered.</param>
/// <param name="Returned">Returned.</param>
/// <param name="Cancelled">Cancelled.</param>
/// <param name="Allocations">Where units are or were reserved, with the sourcing rule version used.</param>
public sealed record OrderLineView(
    string LineId,
    string Sku,
    int Quantity,
    int Allocated,
    int Backordered,
    int Shipped,
    int Delivered,
    int Returned,
    int Cancelled,
    IReadOnlyList<AllocationView> Allocations);

/// <summary>A reservation held for a line.</summary>
/// <param name="LocationId">Where.</param>
/// <param name="Quantity">Units.</param>
/// <param name="ReservationId">The position's reservation id.</param>
/// <param name="RuleVersion">Version of the sourcing rules that chose it.</param>
/// <param name="State">Active, Shipped, Released or Preempted.</param>
public sealed record AllocationView(string LocationId, int Quantity, string ReservationId, string RuleVersion, string State);

/// <summary>One journaled event of an order with its lineage.</summary>
/// <param name="Sequence">Journal sequence.</param>
/// <param name="Type">Event type.</param>
/// <param name="RecordedAt">When it was journaled.</param>
/// <param name="CorrelationId">Correlation id of the request that caused it.</param>
/// <param name="CausationId">The command or event that caused it.</param>
/// <param name="SourceSystem">The system it came from.</param>
/// <param name="SourceEventId">The source system's id of it.</param>
/// <param name="Event">The event itself (its <c>$type</c> names it).</param>
public sealed record OrderHistoryEntry(
    long Sequence,
    string Type,
    DateTimeOffset RecordedAt,
    string? CorrelationId,
    string? CausationId,
    string? SourceSystem,
    string? SourceEventId,
    JsonElement Event);
