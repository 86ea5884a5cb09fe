using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Idempotency;
using Parity.Gateway.Orders.Contracts;
using Parity.Gateway.Requests;
using Parity.Gateway.Security;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Orders;

namespace Parity.Gateway.Orders;

/// <summary>
/// Orders in canonical JSON: place, send lifecycle events, read status with line states and the event history with
/// lineage. A channel acts only on its own orders (the channel is the first part of the order id); admin keys may act
/// on any. Shopify webhooks are mapped by <see cref="ShopifyWebhookEndpoints"/>.
/// </summary>
internal static class OrderEndpoints
{
    public static void Map(RouteGroupBuilder v1)
    {
        var orders = v1.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("", PlaceAsync)
            .RequireAuthorization(GatewayScopes.OrdersWrite)
            .Idempotent()
            .WithName("PlaceOrder")
            .WithSummary("Place an order (canonical order JSON); the order id is {channel}:{channelOrderId}")
            .Produces<PlaceOrderResponse>(StatusCodes.Status201Created)
            .GatewayProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        orders.MapPost("/{orderId}/events", ApplyAsync)
            .RequireAuthorization(GatewayScopes.OrdersWrite)
            .Idempotent()
            .WithName("SendOrderEvent")
            .WithSummary("Send a lifecycle event: 200 when applied, 202 when parked until its prerequisite arrives")
            .Produces<OrderOutcome>()
            .Produces<OrderOutcome>(StatusCodes.Status202Accepted)
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        orders.MapGet("/{orderId}", GetAsync)
            .RequireAuthorization(GatewayScopes.OrdersRead)
            .WithName("GetOrder")
            .WithSummary("The order's status with its line states, allocations and parked events")
            .Produces<OrderView>()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        orders.MapGet("/{orderId}/history", GetHistoryAsync)
            .RequireAuthorization(GatewayScopes.OrdersRead)
            .WithName("GetOrderHistory")
            .WithSummary("Every journaled event of the order with its lineage (correlation, causation, source system and event id)")
            .Produces<IReadOnlyList<OrderHistoryEntry>>()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        ShopifyWebhookEndpoints.Map(v1);
    }

    private static async Task<IResult> PlaceAsync(
        PlaceOrderRequest body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog, TimeProvider time)
    {
        var v = new RequestValidator();
        var channel = body.Channel is null ? context.User.ChannelId() : v.ChannelId(body.Channel, "channel");
        var order = OrderRequestMapper.Place(v, body, channel, time.GetUtcNow());
        if (v.IsValid && !context.User.MayActFor(channel))
        {
            return OtherChannel(context, channel);
        }

        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        var orderId = OrderId.Of(channel, order.ChannelOrderId);
        GatewayCommand.Start(context, order.EventId);
        var grain = grains.GetGrain<IOrderGrain>(orderId);
        var outcomes = new List<OrderOutcome> { await grain.PlaceAsync(order) };
        foreach (var payment in OrderRequestMapper.CheckoutPayments(body, order))
        {
            outcomes.Add(await grain.ApplyAsync(payment));
        }

        return TypedResults.Created($"{GatewayRoutes.Prefix}/orders/{Uri.EscapeDataString(orderId)}",
            new PlaceOrderResponse(orderId, outcomes[^1].Status, outcomes));
    }

    private static async Task<IResult> ApplyAsync(
        string orderId, OrderEventRequest body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog, TimeProvider time)
    {
        var v = new RequestValidator();
        var channel = ChannelOf(v, orderId);
        var command = OrderRequestMapper.Event(v, body, channel ?? "", time.GetUtcNow());
        if (channel is not null && !context.User.MayActFor(channel))
        {
            return OtherChannel(context, channel);
        }

        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        GatewayCommand.Start(context, command.EventId);
        var outcome = await grains.GetGrain<IOrderGrain>(orderId).ApplyAsync(command);
        return outcome.Disposition == EventDisposition.Parked ? TypedResults.Accepted((string?)null, outcome) : TypedResults.Ok(outcome);
    }

    private static async Task<IResult> GetAsync(string orderId, HttpContext context, IGrainFactory grains)
    {
        if (await ReadCheckAsync(orderId, context) is { } refused)
        {
            return refused;
        }

        var view = await grains.GetGrain<IOrderGrain>(orderId).GetAsync();
        return view is null ? NotFound(context, orderId) : TypedResults.Ok(view);
    }

    private static async Task<IResult> GetHistoryAsync(string orderId, HttpContext context, IGrainFactory grains)
    {
        if (await ReadCheckAsync(orderId, context) is { } refused)
        {
            return refused;
        }

        var grain = grains.GetGrain<IOrderGrain>(orderId);
        var history = await grain.GetHistoryAsync();
        return history.Count == 0 ? NotFound(context, orderId) : TypedResults.Ok(history);
    }

    private static async ValueTask<IResult?> ReadCheckAsync(string orderId, HttpContext context)
    {
        var v = new RequestValidator();
        var channel = ChannelOf(v, orderId);
        if (channel is not null && !context.User.MayActFor(channel))
        {
            return OtherChannel(context, channel);
        }

        return v.IsValid ? null : await v.CheckAsync(context, NoCatalog.Instance);
    }

    // The channel named by an order id written {channel}:{channelOrderId}; null (and a field error) when malformed.
    private static string? ChannelOf(RequestValidator v, string orderId)
    {
        // Each part has the identifier limit, as when the order was placed: a channelOrderId of 64 characters makes an
        // order id longer than 64, and that order must stay readable.
        if (Identifiers.IsOrderId(orderId))
        {
            var channel = OrderId.Parse(orderId).Channel;
            if (ChannelIds.IsValid(channel))
            {
                return channel;
            }
        }

        v.Fail("orderId", $"'orderId' must be written channel:channelOrderId (each part {Identifiers.Rule}), e.g. web:1001; '{orderId}' was sent.");
        return null;
    }

    public static IResult OtherChannel(HttpContext context, string channel) =>
        GatewayProblem.Result(context, ProblemType.OtherChannel,
            $"The API key of channel '{context.User.ChannelId()}' may not act on orders of channel '{channel}'. Use that channel's own key.");

    private static IResult NotFound(HttpContext context, string orderId) =>
        GatewayProblem.Result(context, ProblemType.OrderNotFound, $"No order '{orderId}' has been placed or sent events.");

    private sealed class NoCatalog : ICatalogCheck
    {
        public static readonly NoCatalog Instance = new();

        public ValueTask<CatalogVerdict> CheckAsync(IReadOnlyCollection<GrainInterfaces.Inventory.PositionKey> positions, CancellationToken cancellationToken) =>
            ValueTask.FromResult(CatalogVerdict.AllKnown);
    }
}
