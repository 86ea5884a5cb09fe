using System.Text.Json.Serialization;

namespace Parity.GrainInterfaces.Erp;

/// <summary>What an ERP connector reports for one journal (domain.md, ERP posting).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ErpPosted), "posted")]
[JsonDerivedType(typeof(ErpDuplicate), "duplicate")]
[JsonDerivedType(typeof(ErpRejected), "rejected")]
[JsonDerivedType(typeof(ErpTransient), "transient")]
public abstract record ErpOutcome;

/// <summary>The ERP booked the journal.</summary>
/// <param name="DocumentId">The ERP's document id.</param>
public sealed record ErpPosted(string DocumentId) : ErpOutcome;

/// <summary>The ERP already had a journal with this external id; nothing new was booked.</summary>
/// <param name="ExistingDocumentId">The document booked the first time.</param>
public sealed record ErpDuplicate(string ExistingDocumentId) : ErpOutcome;

/// <summary>The ERP refused the journal for a business reason; retrying unchanged will not help.</summary>
/// <param name="Category">The ERP's category (e.g. UnknownAccount, PeriodClosed).</param>
/// <param name="Message">The ERP's message.</param>
public sealed record ErpRejected(string Category, string Message) : ErpOutcome;

/// <summary>The ERP could not take the journal now (outage, rate limit, timeout); retry later.</summary>
/// <param name="RetryAfter">How long the ERP asked us to wait, when it said.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Throttled">True when the ERP is up but over its rate limit (429): not a sign of an outage.</param>
public sealed record ErpTransient(TimeSpan? RetryAfter, string Message, bool Throttled = false) : ErpOutcome;
