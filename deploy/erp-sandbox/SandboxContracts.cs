namespace Parity.ErpSandbox;

/// <summary>A journal as the sandbox's API takes it.</summary>
/// <param name="ExternalId">The caller's idempotency key; a second journal with it is answered with the first document.</param>
/// <param name="LegalEntity">The company.</param>
/// <param name="Currency">ISO 4217 currency.</param>
/// <param name="Date">The posting date.</param>
/// <param name="Description">Free text.</param>
/// <param name="Lines">The lines.</param>
public sealed record JournalRequest(string? ExternalId, string? LegalEntity, string? Currency, DateOnly? Date, string? Description, List<JournalRequestLine>? Lines);

/// <summary>One line.</summary>
/// <param name="Account">Account number.</param>
/// <param name="Debit">Debit amount (0 when a credit).</param>
/// <param name="Credit">Credit amount (0 when a debit).</param>
/// <param name="Channel">Dimension.</param>
/// <param name="Location">Dimension.</param>
/// <param name="Item">Optional SKU from the item list.</param>
/// <param name="Memo">Free text.</param>
public sealed record JournalRequestLine(string? Account, decimal Debit, decimal Credit, string? Channel, string? Location, string? Item, string? Memo);

/// <summary>The answer to a booked or duplicate journal.</summary>
/// <param name="DocumentId">The document id.</param>
/// <param name="Duplicate">True when the external id was known.</param>
public sealed record JournalResponse(string DocumentId, bool Duplicate);

/// <summary>The answer to a refused journal.</summary>
/// <param name="Category">UnknownAccount, UnknownItem, PeriodClosed, Unbalanced or Invalid.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RejectionResponse(string Category, string Message);

/// <summary>What the sandbox has seen, so tests can prove exactly-once.</summary>
/// <param name="Requests">Journal requests that arrived at all.</param>
/// <param name="Received">Journal requests handled (not refused by the rate limit or an outage).</param>
/// <param name="Posted">Documents booked.</param>
/// <param name="Duplicates">Requests answered with an existing document.</param>
/// <param name="Rejected">Requests refused for a business reason.</param>
/// <param name="Throttled">Requests answered 429.</param>
/// <param name="Unavailable">Requests answered 503.</param>
/// <param name="EarlyRetries">Requests for a journal that came back before the Retry-After the sandbox gave it had passed.</param>
public sealed record SandboxCounts(long Requests, long Received, long Posted, long Duplicates, long Rejected, long Throttled, long Unavailable, long EarlyRetries);

/// <summary>Run-time settings an admin call may change; null leaves a setting as it is.</summary>
/// <param name="LatencyMs">Delay per request.</param>
/// <param name="RatePerSecond">Rate limit; 0 for none.</param>
/// <param name="Burst">Token bucket size.</param>
/// <param name="ClosedThrough">Close periods through this date.</param>
public sealed record SandboxSettings(int? LatencyMs, double? RatePerSecond, int? Burst, DateOnly? ClosedThrough);

/// <summary>An outage starting now.</summary>
/// <param name="Seconds">How long.</param>
public sealed record OutageRequest(double Seconds);

/// <summary>An account to add to the chart.</summary>
/// <param name="Number">Its number.</param>
/// <param name="Name">Its name.</param>
public sealed record AccountRequest(string Number, string Name);

/// <summary>A booked document.</summary>
/// <param name="DocumentId">Its id.</param>
/// <param name="Journal">The journal as received.</param>
/// <param name="PostedAt">When it was booked.</param>
public sealed record SandboxDocument(string DocumentId, JournalRequest Journal, DateTimeOffset PostedAt);
