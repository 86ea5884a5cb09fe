namespace Parity.Gateway.Errors;

/// <summary>
/// One kind of error the gateway answers with, as RFC 7807 problem details: a stable <c>type</c> URI a channel can
/// branch on, the HTTP status and a business-friendly title. The detail of each answer says what to do.
/// </summary>
/// <param name="Slug">The last part of the type URI.</param>
/// <param name="Status">HTTP status.</param>
/// <param name="Title">Short, business-friendly summary.</param>
public sealed record ProblemType(string Slug, int Status, string Title)
{
    /// <summary>Prefix of every problem type URI.</summary>
    public const string UriPrefix = "urn:parity:problem:";

    /// <summary>The problem type URI.</summary>
    public string Uri => UriPrefix + Slug;

    /// <summary>The body could not be read as JSON of the expected shape.</summary>
    public static readonly ProblemType InvalidJson = new("invalid-json", 400, "The request body could not be read");

    /// <summary>A CSV body could not be read as text (not UTF-8).</summary>
    public static readonly ProblemType InvalidCsv = new("invalid-csv", 400, "The CSV body could not be read");

    /// <summary>Something other than the body is malformed (header, query, route).</summary>
    public static readonly ProblemType MalformedRequest = new("malformed-request", 400, "The request is malformed");

    /// <summary>Fields are missing or out of range.</summary>
    public static readonly ProblemType ValidationFailed = new("validation-failed", 422, "Some fields are not valid");

    /// <summary>A SKU or location the catalog does not know.</summary>
    public static readonly ProblemType UnknownReference = new("unknown-reference", 422, "Unknown SKU or location");

    /// <summary>No API key was sent.</summary>
    public static readonly ProblemType ApiKeyMissing = new("api-key-missing", 401, "An API key is required");

    /// <summary>The API key is not one the gateway knows.</summary>
    public static readonly ProblemType ApiKeyInvalid = new("api-key-invalid", 401, "The API key is not recognised");

    /// <summary>The key lacks the scope the operation needs.</summary>
    public static readonly ProblemType ScopeMissing = new("scope-missing", 403, "This API key may not do that");

    /// <summary>A channel tried to act for another channel.</summary>
    public static readonly ProblemType OtherChannel = new("other-channel", 403, "A channel may act only for itself");

    /// <summary>No such route or resource.</summary>
    public static readonly ProblemType NotFound = new("not-found", 404, "Not found");

    /// <summary>The route exists but not for this method.</summary>
    public static readonly ProblemType MethodNotAllowed = new("method-not-allowed", 405, "Method not allowed");

    /// <summary>The same Idempotency-Key is being processed right now.</summary>
    public static readonly ProblemType IdempotencyInFlight = new("idempotency-request-in-flight", 409, "The same request is still being processed");

    /// <summary>A business rule refused a movement or shipment.</summary>
    public static readonly ProblemType InsufficientStock = new("insufficient-stock", 409, "Not enough stock");

    /// <summary>A reserve request was refused by a position.</summary>
    public static readonly ProblemType ReservationRejected = new("reservation-rejected", 409, "The reservation was refused");

    /// <summary>The reservation has already ended or never existed.</summary>
    public static readonly ProblemType ReservationNotActive = new("reservation-not-active", 409, "The reservation is not active");

    /// <summary>The body is larger than the gateway accepts.</summary>
    public static readonly ProblemType RequestTooLarge = new("request-too-large", 413, "The request is too large");

    /// <summary>The body is not JSON.</summary>
    public static readonly ProblemType UnsupportedMediaType = new("unsupported-media-type", 415, "The request body must be JSON");

    /// <summary>An Idempotency-Key was reused for another request.</summary>
    public static readonly ProblemType IdempotencyKeyReused = new("idempotency-key-reused", 422, "The Idempotency-Key was used for a different request");

    /// <summary>A settlement file that cannot be read in its provider's layout (names the row and column).</summary>
    public static readonly ProblemType InvalidSettlementFile = new("invalid-settlement-file", 422, "The settlement file is not valid");

    /// <summary>Another file was already ingested for the settlement batch.</summary>
    public static readonly ProblemType SettlementBatchConflict = new("settlement-batch-conflict", 409, "The settlement batch already holds another file");

    /// <summary>A settlement file sent with a media type other than its provider's.</summary>
    public static readonly ProblemType UnsupportedFileType = new("unsupported-media-type", 415, "The request body has the wrong media type");

    /// <summary>An exception names no source that can retry it.</summary>
    public static readonly ProblemType ExceptionNotRetryable = new("exception-not-retryable", 409, "This exception cannot be retried");

    /// <summary>The channel sent more requests than its rate limit allows.</summary>
    public static readonly ProblemType RateLimited = new("rate-limited", 429, "Too many requests");

    /// <summary>The order's lifecycle does not allow the event now (e.g. cancelling shipped lines).</summary>
    public static readonly ProblemType OrderTransitionRefused = new("order-transition-refused", 409, "The order does not allow this now");

    /// <summary>The event names lines, quantities or amounts the order does not have.</summary>
    public static readonly ProblemType OrderEventRefused = new("order-event-refused", 422, "The event does not fit the order");

    /// <summary>No order under that id.</summary>
    public static readonly ProblemType OrderNotFound = new("order-not-found", 404, "No such order");

    /// <summary>No receipt, transfer, count or other movement ever reached that SKU-location.</summary>
    public static readonly ProblemType PositionNotFound = new("position-not-found", 404, "No such inventory position");

    /// <summary>An event id (or request id) was used before for different content.</summary>
    public static readonly ProblemType EventIdConflict = new("event-id-conflict", 409, "The event id was already used for something else");

    /// <summary>A webhook's signature does not match its body.</summary>
    public static readonly ProblemType WebhookSignatureInvalid = new("webhook-signature-invalid", 401, "The webhook signature is not valid");

    /// <summary>An unexpected failure.</summary>
    public static readonly ProblemType Internal = new("internal-error", 500, "Something went wrong on our side");

    /// <summary>A grain's request queue is full (Orleans' per-activation limit) or the cluster sheds load.</summary>
    public static readonly ProblemType Overloaded = new("overloaded", 503, "Busy right now");

    /// <summary>A retryable failure: storage did not confirm, or a silo is unreachable.</summary>
    public static readonly ProblemType Unavailable = new("temporarily-unavailable", 503, "Temporarily unavailable");

    /// <summary>The cluster did not answer in time.</summary>
    public static readonly ProblemType Timeout = new("timeout", 504, "The request took too long");

    /// <summary>The problem type for a status code the gateway has no specific type for.</summary>
    public static ProblemType ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => ApiKeyMissing,
        403 => ScopeMissing,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => RequestTooLarge,
        415 => UnsupportedMediaType,
        422 => ValidationFailed,
        429 => RateLimited,
        503 => Unavailable,
        504 => Timeout,
        >= 500 => Internal,
        _ => new ProblemType("http-" + status, status, "The request could not be completed"),
    };
}
