using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Idempotency;
using Parity.Gateway.Requests;
using Parity.Gateway.Security;
using Parity.Gateway.StoreDays.Contracts;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.StoreDays;

namespace Parity.Gateway.StoreDays;

/// <summary>
/// Store days (<c>/v1/stores/{store}/days/{date}</c>): upload POS batches in JSON or CSV, close the day, read status and
/// totals. A POS key acts only for its own stores (<see cref="StoreAccess"/>); a batch is parsed and validated whole,
/// SKUs and the store checked against the catalog, before the store-day grain sees it, so a refused upload changes
/// nothing.
/// </summary>
internal static class StoreDayEndpoints
{
    /// <summary>The media type of CSV batches.</summary>
    public const string CsvMediaType = "text/csv";

    /// <summary>Maps the store-day endpoints under <paramref name="v1"/>.</summary>
    public static void Map(RouteGroupBuilder v1)
    {
        ArgumentNullException.ThrowIfNull(v1);
        var configuration = ((IEndpointRouteBuilder)v1).ServiceProvider.GetRequiredService<IConfiguration>();
        var access = new StoreAccess(configuration);
        // The silo's store-day section; a gateway of its own reads the same section, so both refuse the same lines.
        var storeDays = configuration.GetSection(StoreDayOptions.SectionName).Get<StoreDayOptions>() ?? new StoreDayOptions();
        var days = v1.MapGroup("/stores/{store}/days/{date}").WithTags("Store days");

        days.MapPost("/batches", (string store, string date, string? batchId, HttpContext context, IGrainFactory grains, ICatalogCheck catalog, IOptions<JsonOptions> json) =>
                SubmitBatchAsync(store, date, batchId, context, grains, catalog, json.Value.SerializerOptions, access, storeDays))
            .RequireAuthorization(GatewayScopes.PosWrite)
            .Idempotent()
            .Accepts<PosBatchRequest>("application/json", CsvMediaType)
            .WithName("SubmitPosBatch")
            .WithSummary("Upload a batch of POS tickets (JSON, or CSV with ?batchId=) for a store day")
            .Produces<PosBatchOutcome>()
            .GatewayProblems(StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        days.MapPost("/close", (string store, string date, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
                CloseAsync(store, date, context, grains, catalog, access))
            .RequireAuthorization(GatewayScopes.PosWrite)
            .Idempotent()
            .WithName("CloseStoreDay")
            .WithSummary("Close a store day: its summary is posted (summary stores) and later tickets become adjustments")
            .Produces<StoreDayView>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);

        days.MapGet("", (string store, string date, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
                GetAsync(store, date, context, grains, catalog, access))
            .RequireAuthorization(GatewayScopes.PosRead)
            .WithName("GetStoreDay")
            .WithSummary("A store day's status, totals per tender method, tax, revenue and returns, and pending postings")
            .Produces<StoreDayView>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> SubmitBatchAsync(
        string store, string date, string? batchId, HttpContext context, IGrainFactory grains, ICatalogCheck catalog,
        JsonSerializerOptions jsonOptions, StoreAccess access, StoreDayOptions storeDays)
    {
        var v = new RequestValidator();
        if (await RouteAsync(store, date, v, context, catalog, access) is { } refused)
        {
            return refused;
        }

        var day = new StoreDayKey(store, StoreDayKey.TryParseDate(date, out var businessDate) ? businessDate : default);
        var body = RequestBodyBuffer.Get(context);
        var mediaType = context.Request.ContentType is { } contentType && Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            ? parsed.MediaType.Value
            : null;
        PosBatch? batch;
        var fields = new PosLineFields();
        if (string.Equals(mediaType, CsvMediaType, StringComparison.OrdinalIgnoreCase))
        {
            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body.Span);
            }
            catch (DecoderFallbackException)
            {
                return GatewayProblem.Result(context, ProblemType.InvalidCsv, "The CSV body is not valid UTF-8 text: export it as UTF-8 and send it again.");
            }

            batch = PosBatchParser.FromCsv(text, batchId, day, v, fields);
        }
        else if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            if (body.IsEmpty)
            {
                return GatewayProblem.Result(context, ProblemType.InvalidJson, "The request needs a JSON body: a POS batch with 'batchId' and 'tickets'.");
            }

            PosBatchRequest? request;
            try
            {
                request = JsonSerializer.Deserialize<PosBatchRequest>(body.Span, jsonOptions);
            }
            catch (JsonException e)
            {
                var mapped = ExceptionMapping.Map(e, typeof(PosBatchRequest));
                return GatewayProblem.Result(context, mapped.Type, mapped.Detail, mapped.Extensions);
            }

            if (request is null)
            {
                return GatewayProblem.Result(context, ProblemType.InvalidJson, "The request body must be a JSON object, not null.");
            }

            if (batchId is not null && batchId != request.BatchId)
            {
                v.Fail("batchId", "The 'batchId' query parameter is for CSV uploads; a JSON batch names its id in the body.");
            }

            batch = PosBatchParser.FromJson(request, day, v, fields);
        }
        else
        {
            return GatewayProblem.Result(context, ProblemType.UnsupportedMediaType,
                $"Send the batch as JSON (Content-Type: application/json) or CSV (Content-Type: {CsvMediaType}).");
        }

        if (batch is not null)
        {
            RefuseImplausibleLines(batch, storeDays.PlausibleLineQuantityOf(store), v, fields);
        }

        if (await v.CheckAsync(context, catalog) is { } invalid)
        {
            return invalid;
        }

        GatewayCommand.Start(context, batch!.BatchId);
        try
        {
            return TypedResults.Ok(await grains.GetGrain<IStoreDayGrain>(day.ToString()).SubmitBatchAsync(batch));
        }
        catch (InvalidPosBatchException e) when (e is { TicketId: { } ticketId, LineIndex: { } line, Field: { } field })
        {
            // The store day names the line; the answer names it as the upload spelled it.
            v.Fail(fields.Of(ticketId, line, field), e.Message);
            return (await v.CheckAsync(context, catalog))!;
        }
        catch (InvalidPosBatchException e)
        {
            return GatewayProblem.Result(context, ProblemType.ValidationFailed, e.Message);
        }
        catch (PosReturnRefusedException e)
        {
            // A return line names an order that cannot take it (checked with the order before anything is recorded).
            v.Fail(fields.Of(e.TicketId, e.LineIndex, e.Field), e.Message);
            return (await v.CheckAsync(context, catalog))!;
        }
    }

    // A till records facts, but a line of 2,147,483,647 units is a typing accident, not a sale: recorded, it would
    // empty the position and preempt every channel reservation on it. The batch is refused naming the line, so the
    // store team corrects the ticket and sends it again; nothing of the batch is recorded.
    private static void RefuseImplausibleLines(PosBatch batch, int plausible, RequestValidator v, PosLineFields fields)
    {
        foreach (var ticket in batch.Tickets)
        {
            for (var i = 0; i < ticket.Lines.Count; i++)
            {
                if (ticket.Lines[i] is { Type: not PosLineType.GiftCard, Quantity: var quantity } && quantity > plausible)
                {
                    v.Fail(fields.Of(ticket.TicketId, i, "quantity"), string.Create(CultureInfo.InvariantCulture,
                        $"Ticket '{ticket.TicketId}' line {i + 1}: {quantity} units is more than this store's plausible line quantity ({plausible:N0}); correct the ticket and send the batch again."));
                }
            }
        }
    }

    private static async Task<IResult> CloseAsync(string store, string date, HttpContext context, IGrainFactory grains, ICatalogCheck catalog, StoreAccess access)
    {
        var v = new RequestValidator();
        if (await RouteAsync(store, date, v, context, catalog, access) is { } refused)
        {
            return refused;
        }

        if (await v.CheckAsync(context, catalog) is { } invalid)
        {
            return invalid;
        }

        var day = Key(store, date);
        GatewayCommand.Start(context, $"close:{day}");
        return TypedResults.Ok(await grains.GetGrain<IStoreDayGrain>(day.ToString()).CloseAsync());
    }

    private static async Task<IResult> GetAsync(string store, string date, HttpContext context, IGrainFactory grains, ICatalogCheck catalog, StoreAccess access)
    {
        var v = new RequestValidator();
        if (await RouteAsync(store, date, v, context, catalog, access) is { } refused)
        {
            return refused;
        }

        if (await v.CheckAsync(context, catalog) is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await grains.GetGrain<IStoreDayGrain>(Key(store, date).ToString()).GetAsync());
    }

    // Route values first: a malformed store or date is 422, another channel's store 403, both before the body is read.
    private static async ValueTask<IResult?> RouteAsync(string store, string date, RequestValidator v, HttpContext context, ICatalogCheck catalog, StoreAccess access)
    {
        v.Location(store, "store");
        if (!StoreDayKey.TryParseDate(date, out _))
        {
            v.Fail("date", $"'date' must be a business date written yyyy-MM-dd, e.g. 2026-03-14; '{date}' was sent.");
        }

        if (!v.IsValid)
        {
            // Answers 422 with the field errors, before any catalog call.
            return await v.CheckAsync(context, catalog);
        }

        return access.MayActFor(context.User, store)
            ? null
            : GatewayProblem.Result(context, ProblemType.OtherChannel,
                $"The API key of channel '{context.User.ChannelId()}' may not act for store '{store}'. A POS key acts only for the stores listed for its channel.");
    }

    private static StoreDayKey Key(string store, string date) =>
        new(store, DateOnly.ParseExact(date, StoreDayKey.DateFormat, CultureInfo.InvariantCulture));
}
