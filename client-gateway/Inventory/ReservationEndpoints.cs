using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Idempotency;
using Parity.Gateway.Inventory.Contracts;
using Parity.Gateway.Requests;
using Parity.Gateway.Security;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory;

/// <summary>
/// Reservations: reserve (all or nothing across the request's positions), release and ship. A channel reserves,
/// releases and ships only for itself; admin keys may act for any channel.
/// </summary>
internal static class ReservationEndpoints
{
    /// <summary>Most lines one reserve request may carry.</summary>
    public const int MaxLines = 200;

    public static void Map(RouteGroupBuilder inventory)
    {
        var reservations = inventory.MapGroup("/reservations")
            .RequireAuthorization(GatewayScopes.Reservations)
            .Idempotent()
            .WithTags("Reservations");

        reservations.MapPost("", ReserveAsync)
            .WithName("Reserve")
            .WithSummary("Hold stock for an order or cart, all or nothing across the lines")
            .Produces<ReservationResponse>()
            .GatewayProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);

        reservations.MapPost("/release", ReleaseAsync)
            .WithName("ReleaseReservation")
            .WithSummary("Give a reservation back")
            .Produces<ReleaseResponse>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);

        reservations.MapPost("/ship", ShipAsync)
            .WithName("ShipReservation")
            .WithSummary("Commit a reservation to a shipment: OnHand falls and the reservation ends")
            .Produces<MovementResponse>()
            .GatewayProblems(StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> ReserveAsync(ReserveRequestBody body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog)
    {
        var v = new RequestValidator();
        var requestId = v.Id(body.RequestId, "requestId");
        var channelId = body.ChannelId is null ? context.User.ChannelId() : v.ChannelId(body.ChannelId, "channelId");
        var orderRef = v.Reference(body.OrderRef, "orderRef")!;
        var kind = v.Required(body.Kind, "kind");
        var lines = new List<ReserveLine>();
        if (body.Lines is not { Count: > 0 })
        {
            v.Fail("lines", "'lines' must hold at least one line.");
        }
        else if (body.Lines.Count > MaxLines)
        {
            v.Fail("lines", $"'lines' may hold at most {MaxLines} lines; split the request.");
        }
        else
        {
            for (var i = 0; i < body.Lines.Count; i++)
            {
                if (body.Lines[i] is not { } line)
                {
                    v.Fail($"lines[{i}]", $"'lines[{i}]' must be an object with sku, locationId and quantity.");
                    continue;
                }

                var fields = LineFields[i];
                var position = v.Position(line.Sku, line.LocationId, fields.Sku, fields.LocationId);
                var quantity = v.Positive(line.Quantity, fields.Quantity);
                lines.Add(new ReserveLine(position.Sku, position.LocationId, quantity));
            }
        }

        if (v.IsValid && !context.User.MayActFor(channelId))
        {
            return OtherChannel(context, channelId, "reserve");
        }

        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        GatewayCommand.Start(context, requestId);

        // Request ids are the channel's own: another channel sending the same id makes its own reservation.
        var scopedRequestId = ChannelIds.Scope(channelId, requestId);
        var outcomes = await ReserveByPositionAsync(grains, scopedRequestId, channelId, orderRef, kind, lines);
        if (Array.TrueForAll(outcomes, o => o.Outcome.IsAccepted))
        {
            var held = new HeldReservation[outcomes.Length];
            for (var i = 0; i < outcomes.Length; i++)
            {
                var (position, outcome) = outcomes[i];
                held[i] = new HeldReservation(position.Sku, position.LocationId, outcome.ReservationId!, outcome.Quantity, outcome.PolicyVersion);
            }

            return TypedResults.Ok(new ReservationResponse(requestId, channelId, orderRef, kind, held));
        }

        // All or nothing: give back what other positions held. A retry of the request id gets the same outcomes from
        // every position (they remember them), so it is refused the same way and the releases change nothing.
        await Task.WhenAll(outcomes.Where(o => o.Outcome.IsAccepted).Select(o =>
            grains.GetGrain<IInventoryPositionGrain>(o.Position.ToString()).ReleaseAsync($"{scopedRequestId}:all-or-nothing", o.Outcome.ReservationId!, "Another line of the request was refused")));
        var refusedLines = outcomes.Where(o => !o.Outcome.IsAccepted)
            .Select(o => new RefusedLine(o.Position.Sku, o.Position.LocationId, o.Outcome.Quantity, o.Outcome.Available, o.Outcome.Reason)).ToList();
        var first = refusedLines[0];
        return GatewayProblem.Result(context, ProblemType.ReservationRejected,
            $"Nothing was reserved: channel '{channelId}' can have {first.Available} of the {first.Requested} units of {first.Sku} at {first.LocationId} ({Wording(first.Reason)})"
            + (refusedLines.Count > 1 ? $", and {refusedLines.Count - 1} more line(s) were refused." : "."),
            [new("requestId", requestId), new("refusedLines", refusedLines)]);
    }

    // Each line's field names, made once: building them per request cost three strings per line even when valid.
    private static readonly (string Sku, string LocationId, string Quantity)[] LineFields =
        [.. Enumerable.Range(0, MaxLines).Select(i => ($"lines[{i}].sku", $"lines[{i}].locationId", $"lines[{i}].quantity"))];

    // One call per position with that position's lines. Nearly every request names a single position, so that case
    // skips the grouping and the fan-out.
    private static async Task<(PositionKey Position, ReservationOutcome Outcome)[]> ReserveByPositionAsync(
        IGrainFactory grains, string requestId, string channelId, string orderRef, ReservationKind kind, List<ReserveLine> lines)
    {
        var first = new PositionKey(lines[0].Sku, lines[0].LocationId);
        if (lines.TrueForAll(l => l.Sku == first.Sku && l.LocationId == first.LocationId))
        {
            var outcome = await grains.GetGrain<IInventoryPositionGrain>(first.ToString())
                .ReserveAsync(new ReserveRequest(requestId, channelId, orderRef, kind, lines));
            return [(first, outcome)];
        }

        return await Task.WhenAll(lines.GroupBy(l => new PositionKey(l.Sku, l.LocationId)).Select(async group =>
            (Position: group.Key, Outcome: await grains.GetGrain<IInventoryPositionGrain>(group.Key.ToString())
                .ReserveAsync(new ReserveRequest(requestId, channelId, orderRef, kind, group.ToList())))));
    }

    private static async Task<IResult> ReleaseAsync(ReleaseReservationRequest body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog)
    {
        var v = new RequestValidator();
        var eventId = v.Id(body.EventId, "eventId");
        var position = v.Position(body.Sku, body.LocationId, "sku", "locationId");
        var reservationId = v.Reference(body.ReservationId, "reservationId")!;
        var reason = v.Text(body.Reason, "reason");
        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        var grain = grains.GetGrain<IInventoryPositionGrain>(position.ToString());
        if (await OwnerCheckAsync(context, grain, reservationId, "release") is { } forbidden)
        {
            return forbidden;
        }

        GatewayCommand.Start(context, eventId);
        var result = await grain.ReleaseAsync(ChannelIds.Scope(context.User.ChannelId(), eventId), reservationId, reason);
        return TypedResults.Ok(new ReleaseResponse(position.Sku, position.LocationId, result.ReservationId, result.Released));
    }

    private static async Task<IResult> ShipAsync(ShipReservationRequest body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog)
    {
        var v = new RequestValidator();
        var eventId = v.Id(body.EventId, "eventId");
        var position = v.Position(body.Sku, body.LocationId, "sku", "locationId");
        var reservationId = v.Reference(body.ReservationId, "reservationId")!;
        var shipmentRef = v.Reference(body.ShipmentRef, "shipmentRef")!;
        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        var grain = grains.GetGrain<IInventoryPositionGrain>(position.ToString());
        if (await OwnerCheckAsync(context, grain, reservationId, "ship") is { } forbidden)
        {
            return forbidden;
        }

        GatewayCommand.Start(context, eventId);
        var result = await grain.ShipAsync(ChannelIds.Scope(context.User.ChannelId(), eventId), reservationId, shipmentRef);
        return TypedResults.Ok(MovementResponse.From(position, eventId, result));
    }

    // A reservation's channel never changes, so checking it before acting cannot race. One that is no longer active
    // has no owner to check; the position answers for it (released = false, or not active for a shipment).
    private static async Task<IResult?> OwnerCheckAsync(HttpContext context, IInventoryPositionGrain grain, string reservationId, string verb)
    {
        var details = await grain.GetPositionAsync();
        var reservation = details.Reservations.FirstOrDefault(r => r.ReservationId == reservationId);
        return reservation is not null && !context.User.MayActFor(reservation.ChannelId)
            ? OtherChannel(context, reservation.ChannelId, verb)
            : null;
    }

    private static IResult OtherChannel(HttpContext context, string channelId, string verb) =>
        GatewayProblem.Result(context, ProblemType.OtherChannel,
            $"The API key of channel '{context.User.ChannelId()}' may not {verb} for channel '{channelId}'. Use that channel's own key.");

    private static string Wording(RejectionReason? reason) => reason switch
    {
        RejectionReason.CapExceeded => "the channel's cap would be exceeded",
        RejectionReason.InsufficientStock => "not enough available to sell",
        _ => "refused",
    };
}
