using System.Text.Json;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Storage;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Settlements;
using Parity.Providers.Journal;
using Parity.Providers.Storage;

namespace Parity.Gateway.Errors;

/// <summary>How one exception is answered.</summary>
/// <param name="Type">The problem type (and so the status).</param>
/// <param name="Detail">What happened and what to do, in business words.</param>
/// <param name="RetryAfter">Wait before retrying, for 503s.</param>
/// <param name="Extensions">Extra members of the problem.</param>
/// <param name="IsOutcome">True when the failure is a decision of the domain (the same request would get the same
/// answer), so an idempotent replay should see it again; false for failures worth retrying.</param>
public sealed record MappedException(ProblemType Type, string Detail, TimeSpan? RetryAfter, IReadOnlyDictionary<string, object?>? Extensions, bool IsOutcome);

/// <summary>Maps Orleans, storage, domain and request-reading failures to problem types: overload (Orleans' queue limits
/// and load shedding) and retryable failures (journal and grain storage, unreachable silos) to 503 with Retry-After,
/// timeouts to 504, business refusals to 409/404/422, unreadable bodies to 400/413/415.</summary>
public static class ExceptionMapping
{
    /// <summary>Retry-After of an overloaded grain or silo: its queue drains in well under a second.</summary>
    public static readonly TimeSpan OverloadRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>Retry-After of a storage failure or an unreachable silo: long enough for a reconnect or a failover
    /// (the silo declares a dead silo within a few seconds).</summary>
    public static readonly TimeSpan UnavailableRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>The answer for <paramref name="exception"/>; <paramref name="bodyType"/> (the endpoint's request body
    /// type, when known) lets a JSON type error say what the field must hold.</summary>
    public static MappedException Map(Exception exception, Type? bodyType = null) => exception switch
    {
        InsufficientStockException e => new(ProblemType.InsufficientStock,
            $"{e.Movement} of {e.Requested} at {e.Position} needs more than the {e.Available} units available.", null,
            new Dictionary<string, object?> { ["position"] = e.Position.ToString(), ["requested"] = e.Requested, ["available"] = e.Available }, true),
        ReservationNotActiveException e => new(ProblemType.ReservationNotActive,
            $"Reservation '{e.ReservationId}' is not active at {e.Position}: it was never made there or has already been released, shipped, expired or preempted.",
            null, new Dictionary<string, object?> { ["position"] = e.Position.ToString(), ["reservationId"] = e.ReservationId }, true),
        PositionLimitExceededException e => new(ProblemType.ValidationFailed, e.Message, null,
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, object?> { [e.Field] = new[] { e.Message } } }, true),
        EventIdConflictException e => new(ProblemType.EventIdConflict, e.Message, null, null, true),
        IdReusedException e => new(ProblemType.EventIdConflict, e.Message, null, new Dictionary<string, object?> { ["id"] = e.Id }, true),
        InventoryException e => new(ProblemType.InsufficientStock, e.Message, null, null, true),
        OrderTransitionException e => new(ProblemType.OrderTransitionRefused, e.Message, null, null, true),
        OrderValidationException e => new(ProblemType.OrderEventRefused, e.Message, null, null, true),
        OrderNotFoundException e => new(ProblemType.OrderNotFound, e.Message, null, null, true),
        SettlementFileException e => new(ProblemType.InvalidSettlementFile, e.Message, null,
            new Dictionary<string, object?> { ["row"] = e.Row, ["column"] = e.Column }, true),
        SettlementBatchConflictException e => new(ProblemType.SettlementBatchConflict, e.Message, null, null, true),
        ExceptionNotFoundException e => new(ProblemType.NotFound, e.Message, null, null, true),
        LimitExceededException => new(ProblemType.Overloaded,
            "This item is receiving more requests than it can queue right now. Retry after the time in Retry-After; nothing was changed.", OverloadRetryAfter, null, false),
        GatewayTooBusyException => new(ProblemType.Overloaded,
            "The cluster is shedding load right now and did not take the request; nothing was changed. Retry after the time in Retry-After.", OverloadRetryAfter, null, false),
        JournalWriteException { IsConflict: true } => new(ProblemType.Unavailable,
            "Another copy of this item changed it at the same moment, so this request was not applied. Retry after the time in Retry-After (with the same event id or Idempotency-Key); it will be decided afresh.",
            UnavailableRetryAfter, null, false),
        JournalException { IsRetryable: true } or StorageUnavailableException or InconsistentStateException => new(ProblemType.Unavailable,
            "Storage did not confirm the change, so nothing was acknowledged. Retry after the time in Retry-After, with the same event id or Idempotency-Key.",
            UnavailableRetryAfter, null, false),
        OrleansMessageRejectionException or ConnectionFailedException => new(ProblemType.Unavailable,
            "Part of the cluster is briefly unreachable and the request may not have arrived. Retry after the time in Retry-After, with the same event id or Idempotency-Key.",
            UnavailableRetryAfter, null, false),
        TimeoutException => new(ProblemType.Timeout,
            "The cluster did not answer in time. The change may or may not have been applied: retry with the same event id or Idempotency-Key, which is safe.",
            null, null, false),
        BadHttpRequestException e => MapBadRequest(e, bodyType),
        JsonException e => MapJson(e, bodyType),
        ArgumentException e => new(ProblemType.ValidationFailed, e.Message, null, null, true),
        _ => new(ProblemType.Internal,
            "The request could not be completed. It may or may not have been applied: retrying with the same event id or Idempotency-Key is safe.",
            null, null, false),
    };

    private static MappedException MapBadRequest(BadHttpRequestException e, Type? bodyType)
    {
        if (e.InnerException is JsonException json)
        {
            return MapJson(json, bodyType);
        }

        return e.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => new(ProblemType.RequestTooLarge, "The request body is larger than the gateway accepts.", null, null, false),
            StatusCodes.Status415UnsupportedMediaType => new(ProblemType.UnsupportedMediaType, "Send the body as JSON with Content-Type: application/json.", null, null, false),
            _ when e.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase)
                => new(ProblemType.InvalidJson, "The request needs a JSON body.", null, null, false),
            _ => new(ProblemType.MalformedRequest, BusinessWording(e.Message), null, null, false),
        };
    }

    private static MappedException MapJson(JsonException e, Type? bodyType)
    {
        var field = FieldName(e.Path);
        if (DuplicateKey(e.Message) is { } duplicate)
        {
            // The path already ends at the repeated key.
            var name = field ?? duplicate;
            return new(ProblemType.InvalidJson, $"The field '{name}' appears more than once in the request body; send it once.", null,
                new Dictionary<string, object?> { ["field"] = name }, false);
        }

        var detail = e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? field is null
                ? "The request body does not have the expected shape (an object with the documented fields)."
                : $"The field '{field}' has the wrong type: expected {JsonFieldTypes.Describe(bodyType, field) ?? "a value of the documented type"}."
            : field is null
                ? $"The request body is not valid JSON (line {e.LineNumber + 1})."
                : $"The request body is not valid JSON near the field '{field}' (line {e.LineNumber + 1}).";
        var extensions = field is null ? null : new Dictionary<string, object?> { ["field"] = field };
        return new(ProblemType.InvalidJson, detail, null, extensions, false);
    }

    // System.Text.Json: "Duplicate property 'quantity' encountered during deserialization of type ..."
    private static string? DuplicateKey(string message)
    {
        const string Prefix = "Duplicate property '";
        var start = message.IndexOf(Prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Prefix.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    // "$.lines[0].quantity" → "lines[0].quantity"; "$" (the whole body) → null.
    private static string? FieldName(string? path) =>
        path is null || path == "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string BusinessWording(string message) =>
        message.StartsWith("Failed to bind parameter", StringComparison.Ordinal) || message.StartsWith("Required parameter", StringComparison.Ordinal)
            ? $"A query or route value is missing or malformed: {message}"
            : message;
}
