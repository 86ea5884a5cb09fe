using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.StoreDays;

namespace Parity.Grains.StoreDays;

/// <summary>One entry of a store day's journal; the state is their fold.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(StoreDayOpened), "opened")]
[JsonDerivedType(typeof(PosBatchRecorded), "batch-recorded")]
[JsonDerivedType(typeof(InventoryLineRecorded), "inventory-line-recorded")]
[JsonDerivedType(typeof(PostingQueued), "posting-queued")]
[JsonDerivedType(typeof(PostingHandedOff), "posting-handed-off")]
[JsonDerivedType(typeof(StoreDayClosed), "closed")]
public abstract record StoreDayEvent;

/// <summary>The day began and fixed its settings.</summary>
/// <param name="Settings">Granularity, legal entity and currency for the whole day.</param>
public sealed record StoreDayOpened(StoreDaySettings Settings) : StoreDayEvent;

/// <summary>A batch was recorded: its new tickets count (late ones as adjustments) and their sale and return lines await inventory.</summary>
/// <param name="BatchId">The batch.</param>
/// <param name="Fingerprint">Hash of the batch as sent, so a reused batch id with other content is refused.</param>
/// <param name="NewTickets">Tickets not recorded before.</param>
/// <param name="Late">Whether the day was closed when the batch arrived.</param>
/// <param name="Outcome">The answer, replayed for a re-sent batch.</param>
/// <param name="UnitCosts">Unit costs of the new tickets' SKUs when the batch was recorded (those with one), fixed here so
/// the fold and the facts cost the tickets alike however the configuration changes later; null in events journaled
/// before store days posted COGS, which cost nothing.</param>
/// <param name="TaxCode">The store's default tax code for lines that carry none, fixed here like the costs; null: none
/// (also in events journaled before tax codes, whose tax stays uncoded).</param>
public sealed record PosBatchRecorded(
    string BatchId, string Fingerprint, IReadOnlyList<PosTicket> NewTickets, bool Late, PosBatchOutcome Outcome,
    IReadOnlyDictionary<string, decimal>? UnitCosts = null, string? TaxCode = null) : StoreDayEvent;

/// <summary>A ticket line was recorded on its inventory position.</summary>
/// <param name="LineEventId">The line's event id (the position's idempotency key).</param>
/// <param name="Shortfall">Units the position did not hold (reported by the position as NegativeStock).</param>
public sealed record InventoryLineRecorded(string LineEventId, int Shortfall) : StoreDayEvent;

/// <summary>A fact waits to be handed to posting.</summary>
/// <param name="Fact">The fact.</param>
public sealed record PostingQueued(BusinessFact Fact) : StoreDayEvent;

/// <summary>Posting accepted a fact.</summary>
/// <param name="FactId">The fact.</param>
/// <param name="JournalKey">The journal it became.</param>
public sealed record PostingHandedOff(string FactId, string JournalKey) : StoreDayEvent;

/// <summary>The day was closed.</summary>
/// <param name="ClosedAt">When.</param>
public sealed record StoreDayClosed(DateTimeOffset ClosedAt) : StoreDayEvent;
