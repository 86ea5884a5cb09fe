using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Erp;

/// <summary>What an ERP connector reports for one journal (domain.md, ERP posting).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ErpPosted), "posted")]
[JsonDerivedType(typeof(ErpDuplicate), "duplicate")]
[JsonDerivedType(typeof(ErpRejected), "rejected")]
[JsonDerivedType(typeof(ErpTransient), "transient")]
[GenerateSerializer]
[Alias("parity.erp.ErpOutcome")]
public abstract record ErpOutcome;

/// <summary>The ERP booked the journal.</summary>
/// <param name="DocumentId">The ERP's document id.</param>
[GenerateSerializer]
[Alias("parity.erp.ErpPosted")]
public sealed record ErpPosted([property: Id(0)] string DocumentId) : ErpOutcome;

/// <summary>The ERP already had a journal with this external id; nothing new was booked.</summary>
/// <param name="ExistingDocumentId">The document booked the first time.</param>
[GenerateSerializer]
[Alias("parity.erp.ErpDuplicate")]
public sealed record ErpDuplicate([property: Id(0)] string ExistingDocumentId) : ErpOutcome;

/// <summary>The ERP refused the journal for a business reason; retrying unchanged will not help.</summary>
/// <param name="Category">The ERP's category (e.g. UnknownAccount, PeriodClosed).</param>
/// <param name="Message">The ERP's message.</param>
[GenerateSerializer]
[Alias("parity.erp.ErpRejected")]
public sealed record ErpRejected([property: Id(0)] string Category, [property: Id(1)] string Message) : ErpOutcome;

/// <summary>The ERP could not take the journal now (outage, rate limit, timeout); retry later.</summary>
/// <param name="RetryAfter">How long the ERP asked us to wait, when it said.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Throttled">True when the ERP is up but over its rate limit (429): not a sign of an outage.</param>
[GenerateSerializer]
[Alias("parity.erp.ErpTransient")]
public sealed record ErpTransient(
    [property: Id(0)] TimeSpan? RetryAfter,
    [property: Id(1)] string Message,
    [property: Id(2)] bool Throttled = false) : ErpOutcome;
