using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Erp;

namespace Parity.Grains.Posting;

/// <summary>One change of a legal entity's ERP posting queue, as journaled.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(JournalQueued), "queued")]
[JsonDerivedType(typeof(JournalPosted), "posted")]
[JsonDerivedType(typeof(JournalRejected), "rejected")]
[JsonDerivedType(typeof(RejectionReported), "rejection-reported")]
[JsonDerivedType(typeof(RejectedJournalRequeued), "requeued")]
[JsonDerivedType(typeof(ErpOutageBegan), "outage-began")]
[JsonDerivedType(typeof(ErpOutageEnded), "outage-ended")]
public abstract record ErpPostingEvent;

/// <summary>A journal joined the queue. The journal body lives here, in the event: once posted, the state keeps only
/// the document id and this event's sequence, and a reversal reads the body back from the journal.</summary>
/// <param name="Request">The journal and its fact.</param>
/// <param name="QueuedAt">When.</param>
public sealed record JournalQueued(PostingRequest Request, DateTimeOffset QueuedAt) : ErpPostingEvent;

/// <summary>The ERP booked the journal (or reported that it already had it from an earlier send of ours).</summary>
/// <param name="JournalKey">The journal.</param>
/// <param name="DocumentId">The ERP's document id.</param>
/// <param name="Duplicate">True when the ERP answered Duplicate.</param>
/// <param name="PostedAt">When.</param>
public sealed record JournalPosted(string JournalKey, string DocumentId, bool Duplicate, DateTimeOffset PostedAt) : ErpPostingEvent;

/// <summary>The ERP refused the journal; it is held for the exception console.</summary>
/// <param name="JournalKey">The journal.</param>
/// <param name="Category">The ERP's category.</param>
/// <param name="Message">The ERP's message.</param>
public sealed record JournalRejected(string JournalKey, string Category, string Message) : ErpPostingEvent;

/// <summary>The ErpRejected exception of a held journal reached the exception queue.</summary>
/// <param name="JournalKey">The journal.</param>
public sealed record RejectionReported(string JournalKey) : ErpPostingEvent;

/// <summary>A rejected journal, rebuilt with the current rules under its key, joined the queue again.</summary>
/// <param name="Request">The rebuilt journal and its fact.</param>
/// <param name="QueuedAt">When.</param>
public sealed record RejectedJournalRequeued(PostingRequest Request, DateTimeOffset QueuedAt) : ErpPostingEvent;

/// <summary>The ERP became unavailable for this legal entity: its ErpUnavailable exception is raised under
/// <paramref name="TraceKey"/>, one exception per outage.</summary>
/// <param name="TraceKey">The outage's exception.</param>
/// <param name="StartedAt">The first failed send of the outage.</param>
/// <param name="Reason">What the ERP (or its absence) answered.</param>
public sealed record ErpOutageBegan(string TraceKey, DateTimeOffset StartedAt, string Reason) : ErpPostingEvent;

/// <summary>The queue drained after the outage and its exception was resolved with the outage's history.</summary>
/// <param name="EndedAt">When the queue was found drained.</param>
public sealed record ErpOutageEnded(DateTimeOffset EndedAt) : ErpPostingEvent;
