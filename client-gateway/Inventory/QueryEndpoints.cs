using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Inventory.Contracts;
using Parity.Gateway.Security;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory;

/// <summary>Reads: a position's figures and "how many can channel c sell, and where". A channel reads for itself;
/// admin keys may name any channel.</summary>
internal static class QueryEndpoints
{
    // What the figures mean, for the OpenAPI document: a storefront must not offer units its orders would backorder.
    private const string AvailabilityDescription =
        "`total` is what the channel's orders can be allocated: the sum of the channel's ATS over the locations its orders are "
        + "sourced from (`sourcedFrom`: the channel's list in the order sourcing rules, `Parity:Orders:Sourcing:Channels:{channel}`, "
        + "else `Parity:Orders:Sourcing:DefaultLocations`). `locations` lists every location where the channel's ATS is above "
        + "zero, sourced or not, largest first. When the sourcing rules name no location for the channel, `sourcedFrom` is null "
        + "and `total` counts every location.";

    public static void Map(RouteGroupBuilder inventory)
    {
        var reads = inventory.MapGroup("").RequireAuthorization(GatewayScopes.InventoryRead).WithTags("Inventory queries");

        reads.MapGet("/positions/{position}", GetPositionAsync)
            .WithName("GetPosition")
            .WithSummary("A position's figures, the channel's reservations there and its ATS")
            .Produces<PositionView>()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        reads.MapGet("/availability/{sku}", GetAvailabilityAsync)
            .WithName("GetAvailability")
            .WithSummary("How many units of a SKU a channel can sell, and at which locations")
            .WithDescription(AvailabilityDescription)
            .Produces<ChannelAvailability>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<IResult> GetPositionAsync(string position, string? channel, HttpContext context, IGrainFactory grains, ICatalogCheck catalog)
    {
        var v = new RequestValidator();
        var key = v.Position(position, "position");
        var channelId = ChannelOf(context, channel, v);
        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        if (!context.User.MayActFor(channelId))
        {
            return OtherChannel(context, channelId);
        }

        var details = await grains.GetGrain<IInventoryPositionGrain>(key.ToString()).GetPositionAsync();
        if (details.Figures.Version == 0)
        {
            // Nothing was ever received, transferred or moved here; the read itself stored nothing.
            return GatewayProblem.Result(context, ProblemType.PositionNotFound,
                $"Nothing has been received, transferred or counted at position '{key}' ({key.Sku} at {key.LocationId}).");
        }

        var admin = context.User.HasClaim(ChannelClaims.Scope, GatewayScopes.Admin);
        var f = details.Figures;
        return TypedResults.Ok(new PositionView(
            key.Sku, key.LocationId, channelId, details.Availability.AtsFor(channelId),
            f.OnHand, f.Reserved, f.SafetyStock, f.Damaged, f.QualityControl, f.Incoming, f.InTransit, f.PolicyVersion, f.Version,
            admin ? details.Reservations : details.Reservations.Where(r => r.ChannelId == channelId).ToList(),
            admin ? details.Availability.AtsByChannel : null));
    }

    private static async Task<IResult> GetAvailabilityAsync(string sku, string? channel, HttpContext context, IGrainFactory grains, ICatalogCheck catalog)
    {
        var v = new RequestValidator();
        v.Sku(sku, "sku");
        var channelId = ChannelOf(context, channel, v);
        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        if (!context.User.MayActFor(channelId))
        {
            return OtherChannel(context, channelId);
        }

        return TypedResults.Ok(await grains.GetGrain<ISkuAvailabilityGrain>(sku).GetAsync(channelId));
    }

    private static string ChannelOf(HttpContext context, string? channel, RequestValidator v) =>
        channel is null ? context.User.ChannelId() : v.ChannelId(channel, "channel");

    private static IResult OtherChannel(HttpContext context, string channelId) =>
        GatewayProblem.Result(context, ProblemType.OtherChannel,
            $"The API key of channel '{context.User.ChannelId()}' may not read for channel '{channelId}'. Leave out 'channel' to read for your own.");
}
