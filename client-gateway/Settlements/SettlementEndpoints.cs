using System.Globalization;
using System.Text;
using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Idempotency;
using Parity.Gateway.Requests;
using Parity.Gateway.Settlements.Contracts;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Settlements.Parsing;

namespace Parity.Gateway.Settlements;

/// <summary>Settlement batches (provider files in their own layouts), captures feeding the receivables, and
/// provisional receivables by age (finance scope, or admin). A file is parsed and checked whole before the batch grain
/// sees it, so a malformed row changes nothing.</summary>
internal static class SettlementEndpoints
{
    private static readonly string[] FileMediaTypes = ["text/csv", "text/tab-separated-values", "text/plain"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Map(RouteGroupBuilder v1)
    {
        var settlements = v1.MapGroup("/settlements").RequireAuthorization(GatewayScopes.Finance).WithTags("Settlements");

        settlements.MapPost("/{provider}/batches/{batchId}", async Task<IResult> (string provider, string batchId, HttpContext context, IGrainFactory grains) =>
            {
                if (await RouteAsync(context, provider, batchId) is { } refused)
                {
                    return refused;
                }

                var mediaType = context.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
                if (mediaType is null || !FileMediaTypes.Contains(mediaType))
                {
                    return GatewayProblem.Result(context, ProblemType.UnsupportedFileType,
                        $"Send the {provider} file as its raw bytes with Content-Type: {SettlementParsers.MediaType(provider)}.");
                }

                string content;
                try
                {
                    content = StrictUtf8.GetString(RequestBodyBuffer.Get(context).Span);
                }
                catch (DecoderFallbackException)
                {
                    return GatewayProblem.Result(context, ProblemType.InvalidSettlementFile, "The file is not UTF-8 text; export it from the provider again as CSV/TSV.");
                }

                var file = SettlementParsers.Parse(provider, batchId, content);
                GatewayCommand.Start(context, $"{provider}:{batchId}:{file.ContentHash[..16]}");
                var view = await grains.GetGrain<ISettlementBatchGrain>($"{provider}:{batchId}").IngestAsync(file);
                return view.Duplicate
                    ? TypedResults.Ok(view)
                    : TypedResults.Created($"{GatewayRoutes.Prefix}/settlements/{provider}/batches/{batchId}", view);
            })
            .Idempotent()
            .Accepts<string>("text/csv", "text/tab-separated-values")
            .WithName("UploadSettlementBatch")
            .WithSummary("Upload a provider settlement file (Stripe itemized payout reconciliation CSV, Adyen settlement details CSV, Amazon V2 flat file TSV)")
            .Produces<SettlementBatchView>(StatusCodes.Status201Created)
            .Produces<SettlementBatchView>()
            .GatewayProblems(StatusCodes.Status409Conflict, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity);

        settlements.MapGet("/{provider}/batches/{batchId}", async Task<IResult> (string provider, string batchId, HttpContext context, IGrainFactory grains) =>
            {
                if (await RouteAsync(context, provider, batchId) is { } refused)
                {
                    return refused;
                }

                return await grains.GetGrain<ISettlementBatchGrain>($"{provider}:{batchId}").GetAsync() is { } view
                    ? TypedResults.Ok(view)
                    : GatewayProblem.Result(context, ProblemType.NotFound, $"No {provider} settlement batch '{batchId}' has been uploaded.");
            })
            .WithName("GetSettlementBatch")
            .WithSummary("A settlement batch: lines and their matches, fees by type, variance, totals")
            .Produces<SettlementBatchView>()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        var receivables = v1.MapGroup("/receivables").RequireAuthorization(GatewayScopes.Finance).WithTags("Settlements");

        receivables.MapGet("", async Task<IResult> (string? provider, string? channel, HttpContext context, IGrainFactory grains, TimeProvider clock) =>
            {
                var validator = new RequestValidator();
                if (provider is not null && !SettlementParsers.IsKnown(provider))
                {
                    validator.Fail("provider", $"'{provider}' is not a settlement provider; use one of {string.Join(", ", SettlementProviders.All)}.");
                }

                validator.OptionalId(channel, "channel");
                if (await validator.CheckAsync(context, NoCatalog.Instance) is { } refused)
                {
                    return refused;
                }

                var now = clock.GetUtcNow();
                var result = new List<ProvisionalReceivables>();
                foreach (var p in provider is null ? SettlementProviders.All : [provider])
                {
                    result.Add(await grains.GetGrain<IReceivablesGrain>(p).GetProvisionalAsync(now, channel));
                }

                return TypedResults.Ok(new ReceivablesView(now, result));
            })
            .WithName("GetProvisionalReceivables")
            .WithSummary("Captures not yet settled, by provider and age (0-1d, 1-3d, 3-7d, 7-14d, 14d+)")
            .Produces<ReceivablesView>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);

        receivables.MapPost("/{provider}/captures", async Task<IResult> (string provider, CaptureRequest body, HttpContext context, IGrainFactory grains, TimeProvider clock) =>
            {
                var validator = new RequestValidator();
                if (!SettlementParsers.IsKnown(provider))
                {
                    validator.Fail("provider", $"'{provider}' is not a settlement provider; use one of {string.Join(", ", SettlementProviders.All)}.");
                }

                validator.Reference(body.Reference, "reference");
                if (!Identifiers.IsOrderId(body.OrderId))
                {
                    validator.Fail("orderId", "'orderId' must be the canonical order id {channel}:{channelOrderId}.");
                }

                var currency = validator.Currency(body.Currency, "currency");
                if (body.Amount is not > 0)
                {
                    validator.Fail("amount", "'amount' must be above zero.");
                }
                else
                {
                    validator.Money(body.Amount, "amount", currency);
                }

                if (body.CapturedAt is null)
                {
                    validator.Fail("capturedAt", "'capturedAt' is required.");
                }
                else if (body.CapturedAt < Limits.EarliestBusinessTime || body.CapturedAt > clock.GetUtcNow() + Limits.LatestBusinessTimeAhead)
                {
                    validator.Fail("capturedAt", string.Create(CultureInfo.InvariantCulture,
                        $"'capturedAt' must lie between {Limits.EarliestBusinessTime:yyyy-MM-dd} and a day from now; {body.CapturedAt:O} was sent."));
                }

                if (await validator.CheckAsync(context, NoCatalog.Instance) is { } refused)
                {
                    return refused;
                }

                GatewayCommand.Start(context, $"capture:{provider}:{body.Reference}");
                var recorded = await grains.GetGrain<IReceivablesGrain>(provider)
                    .RecordCaptureAsync(provider, body.Reference!, body.OrderId!, body.Amount!.Value, body.Currency!, body.CapturedAt!.Value);
                var response = new CaptureResponse(provider, body.Reference!, recorded);
                return recorded ? TypedResults.Created((string?)null, response) : TypedResults.Ok(response);
            })
            .Idempotent()
            .WithName("RecordCapture")
            .WithSummary("Record a captured payment an order expects a settlement for (order grains call the receivables directly on PaymentCaptured)")
            .Produces<CaptureResponse>(StatusCodes.Status201Created)
            .Produces<CaptureResponse>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);
    }

    // The path is validated like a body: 422 with the field errors, before any grain is called.
    private static ValueTask<IResult?> RouteAsync(HttpContext context, string provider, string batchId)
    {
        var validator = new RequestValidator();
        if (!SettlementParsers.IsKnown(provider))
        {
            validator.Fail("provider", $"'{provider}' is not a settlement provider; use one of {string.Join(", ", SettlementProviders.All)}.");
        }

        validator.Id(batchId, "batchId");
        return validator.CheckAsync(context, NoCatalog.Instance);
    }

    /// <summary>These requests name no SKU or location, so the catalog is never asked.</summary>
    internal sealed class NoCatalog : ICatalogCheck
    {
        public static readonly NoCatalog Instance = new();

        public ValueTask<CatalogVerdict> CheckAsync(IReadOnlyCollection<GrainInterfaces.Inventory.PositionKey> positions, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No position was named.");
    }
}
