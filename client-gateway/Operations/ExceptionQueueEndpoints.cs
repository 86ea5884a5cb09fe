using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Idempotency;
using Parity.Gateway.Operations.Contracts;
using Parity.Gateway.Settlements;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces.Exceptions;

namespace Parity.Gateway.Operations;

/// <summary>
/// The exception console (admin): list and filter by category, owner and status; read one; resolve with a note;
/// edit-and-retry and replay through the exception's source grain, which repeats no side effect it already had.
/// Trace keys go in the path URL-encoded.
/// </summary>
internal static class ExceptionQueueEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var exceptions = v1.MapGroup("/exceptions").RequireAuthorization(GatewayScopes.Admin).WithTags("Operations");

        exceptions.MapGet("", async Task<IResult> (string? category, string? owner, string? status, HttpContext context, IGrainFactory grains) =>
            {
                var validator = new RequestValidator();
                var categoryFilter = Parse<ExceptionCategory>(validator, category, "category", "an exception category");
                var ownerFilter = Parse<ExceptionOwner>(validator, owner, "owner", "an owner");
                var statusFilter = Parse<ExceptionStatus>(validator, status, "status", "a status");
                if (await validator.CheckAsync(context, SettlementEndpoints.NoCatalog.Instance) is { } refused)
                {
                    return refused;
                }

                return TypedResults.Ok(await Queue(grains).QueryAsync(categoryFilter, ownerFilter, statusFilter));
            })
            .WithName("ListExceptions")
            .WithSummary("Business exceptions, oldest first, optionally of one category, owner and status")
            .Produces<IReadOnlyList<ExceptionRecord>>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);

        exceptions.MapGet("/{traceKey}", async Task<IResult> (string traceKey, HttpContext context, IGrainFactory grains) =>
                await Queue(grains).GetOneAsync(Uri.UnescapeDataString(traceKey)) is { } record
                    ? TypedResults.Ok(record)
                    : NotFound(context, traceKey))
            .WithName("GetException")
            .WithSummary("One exception with its source events, correlation ids, owner and status")
            .Produces<ExceptionRecord>()
            .GatewayProblems(StatusCodes.Status404NotFound);

        exceptions.MapPost("/{traceKey}/resolve", async Task<IResult> (string traceKey, ResolveExceptionRequest body, HttpContext context, IGrainFactory grains) =>
            {
                var validator = new RequestValidator();
                if (string.IsNullOrWhiteSpace(body.Note))
                {
                    validator.Fail("note", "'note' is required: say what was done.");
                }

                validator.Text(body.Note, "note");
                if (await validator.CheckAsync(context, SettlementEndpoints.NoCatalog.Instance) is { } refused)
                {
                    return refused;
                }

                return TypedResults.Ok(await Queue(grains).ResolveAsync(Uri.UnescapeDataString(traceKey), body.Note!));
            })
            .Idempotent()
            .WithName("ResolveException")
            .WithSummary("Resolve an exception by hand with a note")
            .Produces<ExceptionRecord>()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        exceptions.MapPost("/{traceKey}/retry", async Task<IResult> (string traceKey, RetryExceptionRequest body, HttpContext context, IGrainFactory grains) =>
            {
                var validator = new RequestValidator();
                if (body.Edits is null || body.Edits.Count == 0)
                {
                    validator.Fail("edits", "'edits' must name at least one field to change; to re-drive the source unchanged, use /replay.");
                }

                foreach (var (field, value) in body.Edits ?? [])
                {
                    validator.Reference(field, "edits", maxLength: 64);
                    validator.Reference(value, $"edits.{field}");
                }

                if (await validator.CheckAsync(context, SettlementEndpoints.NoCatalog.Instance) is { } refused)
                {
                    return refused;
                }

                return await RetryAsync(context, grains, Uri.UnescapeDataString(traceKey), body.Edits!);
            })
            .Idempotent()
            .WithName("RetryException")
            .WithSummary("Edit and retry: apply the edits at the exception's source and re-drive what is not done")
            .Produces<ExceptionActionResponse>()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        exceptions.MapPost("/{traceKey}/replay", (string traceKey, HttpContext context, IGrainFactory grains) =>
                RetryAsync(context, grains, Uri.UnescapeDataString(traceKey), new Dictionary<string, string>()))
            .Idempotent()
            .WithName("ReplayException")
            .WithSummary("Replay: re-drive the exception's source unchanged; side effects that already happened are not repeated")
            .Produces<ExceptionActionResponse>()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
    }

    // The gateway drives a retry, not the queue grain: the source may raise into the queue while it retries.
    private static async Task<IResult> RetryAsync(HttpContext context, IGrainFactory grains, string traceKey, IReadOnlyDictionary<string, string> edits)
    {
        var queue = Queue(grains);
        if (await queue.GetOneAsync(traceKey) is not { } record)
        {
            return NotFound(context, traceKey);
        }

        if (record.Source is null || ExceptionSources.Resolve(grains, record.Source) is not { } source)
        {
            return GatewayProblem.Result(context, ProblemType.ExceptionNotRetryable,
                $"Exception '{traceKey}' ({record.Category}) names no source that can retry it{(record.Source is null ? "" : $" (kind '{record.Source.Kind}' is not registered)")}. " +
                "Fix the cause where it lies and resolve it with a note.");
        }

        Requests.GatewayCommand.Start(context, $"retry:{traceKey}");
        var wasResolved = record.Status == ExceptionStatus.Resolved;
        if (!wasResolved)
        {
            await queue.BeginRetryAsync(traceKey);
        }

        ExceptionRetryOutcome outcome;
        try
        {
            outcome = await source.RetryAsync(traceKey, edits);
        }
        catch (ArgumentException)
        {
            // The source refused the edits before doing anything: the exception is as it was; the handler answers 422.
            if (!wasResolved)
            {
                await queue.CancelRetryAsync(traceKey);
            }

            throw;
        }
        catch (Exception e)
        {
            // Back to Open with what went wrong, as an attempt; the handler answers the error itself.
            if (!wasResolved)
            {
                await queue.CompleteRetryAsync(traceKey, new ExceptionRetryOutcome(false, e.Message));
            }

            throw;
        }

        var after = wasResolved && outcome.Resolved ? record : await queue.CompleteRetryAsync(traceKey, outcome);
        return TypedResults.Ok(new ExceptionActionResponse(outcome, after));
    }

    private static IExceptionQueueGrain Queue(IGrainFactory grains) => grains.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);

    private static IResult NotFound(HttpContext context, string traceKey) =>
        GatewayProblem.Result(context, ProblemType.NotFound, $"No exception has the trace key '{Uri.UnescapeDataString(traceKey)}'.");

    private static TEnum? Parse<TEnum>(RequestValidator validator, string? value, string field, string what) where TEnum : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        if (!Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(value, out _))
        {
            validator.Fail(field, $"'{value}' is not {what}; use one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
            return null;
        }

        return parsed;
    }
}
