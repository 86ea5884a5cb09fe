using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.RateLimiting;
using Parity.Gateway.Requests;
using Parity.Gateway.Security;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces.Orders;
using Parity.Providers.Journal;

namespace Parity.Gateway.Orders;

/// <summary>
/// Shopify order webhooks at <c>/v1/channels/shopify/webhooks/{resource}/{action}</c> (the topic, e.g. orders/create).
/// With a webhook secret configured the request is authenticated by <c>X-Shopify-Hmac-Sha256</c> over the raw body
/// and acts for the configured Shopify channel, limited per shop after the signature is checked
/// (<see cref="ShopifyWebhookLimiter"/>); without one, an API key with orders:write is required and the
/// key's channel is used. Redelivered webhooks change nothing: event ids come from Shopify's ids.
/// </summary>
internal static class ShopifyWebhookEndpoints
{
    public const string SignatureHeader = "X-Shopify-Hmac-Sha256";

    /// <summary>Where the webhooks arrive.</summary>
    public const string Path = GatewayRoutes.Prefix + "/channels/shopify/webhooks";

    public static void Map(RouteGroupBuilder v1)
    {
        v1.MapPost("/channels/shopify/webhooks/{resource}/{action}", ReceiveAsync)
            .AllowAnonymous()
            .WithTags("Orders")
            .WithName("ShopifyWebhook")
            .WithSummary("Receive a Shopify webhook: orders/create, orders/cancelled, fulfillments/create or refunds/create")
            .Accepts<JsonElement>("application/json")
            .Produces<ShopifyWebhookResponse>()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ReceiveAsync(
        string resource, string action, HttpContext context, IGrainFactory grains, ICatalogCheck catalog, IOptions<ShopifyOptions> options,
        ShopifyWebhookLimiter limiter)
    {
        var settings = options.Value;
        var topic = $"{resource}/{action}";
        if (Authenticate(context, settings) is { } denied)
        {
            // A wrong signature costs its address a token (a missing one already did, before the body was read); past
            // the address's limit the answer is 429, not 401.
            return !string.IsNullOrEmpty(settings.WebhookSecret) && context.Request.Headers.ContainsKey(SignatureHeader)
                ? limiter.AcquireJunk(context) ?? denied
                : denied;
        }

        if (!string.IsNullOrEmpty(settings.WebhookSecret) && limiter.AcquireGenuine(context) is { } limited)
        {
            return limited;
        }

        if (!ShopifyOrderMapper.Topics.Contains(topic))
        {
            return GatewayProblem.Result(context, ProblemType.NotFound,
                $"Shopify topic '{topic}' is not handled here; subscribe to {string.Join(", ", ShopifyOrderMapper.Topics)}.");
        }

        var channel = string.IsNullOrEmpty(settings.WebhookSecret) && !context.User.HasClaim(ChannelClaims.Scope, GatewayScopes.Admin)
            ? context.User.ChannelId()
            : settings.Channel;

        // The body was buffered (and size-limited) before the endpoint; a parse error is answered as invalid JSON.
        using var document = JsonDocument.Parse(RequestBodyBuffer.Get(context), new JsonDocumentOptions { AllowDuplicateProperties = false });
        ShopifyOrderMapper.Mapped mapped;
        try
        {
            mapped = new ShopifyOrderMapper(channel, settings).Map(topic, document.RootElement);
        }
        catch (ShopifyMappingException e)
        {
            return GatewayProblem.Result(context, ProblemType.ValidationFailed, e.Message,
                [new("field", e.Field), new("errors", new Dictionary<string, object?> { [e.Field] = new[] { e.Message } })]);
        }

        var v = new RequestValidator();
        for (var i = 0; i < mapped.Skus.Count; i++)
        {
            v.Sku(mapped.Skus[i], $"line_items[{i}].sku");
        }

        foreach (var location in mapped.Locations)
        {
            v.Location(location, "location_id");
        }

        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        GatewayCommand.Start(context, context.Request.Headers["X-Shopify-Webhook-Id"].FirstOrDefault() ?? mapped.Place?.EventId ?? mapped.Events[0].EventId);
        ParityRequestContext.SourceSystem = "shopify";
        var order = grains.GetGrain<IOrderGrain>(mapped.OrderId);
        var outcomes = new List<OrderOutcome>();
        if (mapped.Place is not null)
        {
            outcomes.Add(await order.PlaceAsync(mapped.Place));
        }

        foreach (var mappedCommand in mapped.Events)
        {
            // Shopify repeats a cancellation inside the refund of a cancelled order (restock_type cancel): only units
            // still open are cancelled, and nothing is sent when orders/cancelled already took them all. Items of a
            // cancelled order refunded without restocking (no_restock) were never shipped, so there is nothing to return.
            var command = mappedCommand switch
            {
                { Type: OrderEventType.Cancelled, Lines.Count: > 0 } => await StillOpenAsync(order, mappedCommand),
                { Type: OrderEventType.ReturnReceived } => await UnlessCancelledAsync(order, mappedCommand),
                _ => mappedCommand,
            };
            if (command is not null)
            {
                outcomes.Add(await order.ApplyAsync(command));
            }
        }

        return TypedResults.Ok(new ShopifyWebhookResponse(topic, mapped.OrderId, outcomes));
    }

    private static async Task<OrderCommand?> UnlessCancelledAsync(IOrderGrain order, OrderCommand command) =>
        await order.GetAsync() is { Status: OrderStatus.Cancelled } ? null : command;

    private static async Task<OrderCommand?> StillOpenAsync(IOrderGrain order, OrderCommand command)
    {
        if (await order.GetAsync() is not { Status: not OrderStatus.None } view)
        {
            // Not placed yet: the order parks the cancellation until it is.
            return command;
        }

        var open = view.Lines.ToDictionary(l => l.LineId, l => l.Quantity - l.Shipped - l.Cancelled, StringComparer.Ordinal);
        var lines = command.Lines!
            .Select(l => l with { Quantity = Math.Min(l.Quantity, open.GetValueOrDefault(l.LineId, l.Quantity)) })
            .Where(l => l.Quantity > 0)
            .ToList();
        return lines.Count == 0 ? null : command with { Lines = lines };
    }

    private static IResult? Authenticate(HttpContext context, ShopifyOptions settings)
    {
        if (!string.IsNullOrEmpty(settings.WebhookSecret))
        {
            var sent = context.Request.Headers[SignatureHeader].ToString();
            return IsSignatureValid(settings.WebhookSecret, RequestBodyBuffer.Get(context).Span, sent)
                ? null
                : GatewayProblem.Result(context, ProblemType.WebhookSignatureInvalid,
                    $"The {SignatureHeader} header is missing or does not match the body under the configured webhook secret.");
        }

        if (context.User.Identity?.IsAuthenticated != true)
        {
            return context.Request.Headers.ContainsKey(ApiKeyAuthentication.HeaderName)
                ? GatewayProblem.Result(context, ProblemType.ApiKeyInvalid, "The API key is not recognised.")
                : GatewayProblem.Result(context, ProblemType.ApiKeyMissing,
                    $"Send an API key with the orders:write scope in {ApiKeyAuthentication.HeaderName}, or configure Gateway:Shopify:WebhookSecret to accept signed webhooks.");
        }

        return context.User.HasScope(GatewayScopes.OrdersWrite)
            ? null
            : GatewayProblem.Result(context, ProblemType.ScopeMissing, "This API key lacks the orders:write scope.");
    }

    /// <summary>Whether <paramref name="signature"/> is the Base64 HMAC-SHA256 of <paramref name="body"/> under
    /// <paramref name="secret"/>, compared in constant time.</summary>
    public static bool IsSignatureValid(string secret, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        Span<byte> sent = stackalloc byte[64];
        return Convert.TryFromBase64String(signature, sent, out var length)
            && CryptographicOperations.FixedTimeEquals(expected, sent[..length]);
    }
}

/// <summary>What a Shopify webhook did.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="OrderId">The canonical order id.</param>
/// <param name="Outcomes">The outcome of each canonical event it became, in order.</param>
public sealed record ShopifyWebhookResponse(string Topic, string OrderId, IReadOnlyList<OrderOutcome> Outcomes);
