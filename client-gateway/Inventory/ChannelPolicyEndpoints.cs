using Orleans;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Idempotency;
using Parity.Gateway.Inventory.Contracts;
using Parity.Gateway.Requests;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory;

/// <summary>The channel policy configuration (admin): read it, set it globally, per location or per SKU-location,
/// and remove a location's or position's own policy.</summary>
internal static class ChannelPolicyEndpoints
{
    /// <summary>Longest cart lifetime a policy may set: 7 days. A cart held longer is stock taken off sale by nobody.</summary>
    public const int MaxCartTtlSeconds = 7 * 24 * 60 * 60;

    /// <summary>Most channels one policy may name; every reservation judges its channel against the list.</summary>
    public const int MaxChannels = 100;

    public static void Map(RouteGroupBuilder inventory)
    {
        var policy = inventory.MapGroup("/channel-policy")
            .RequireAuthorization(GatewayScopes.Admin)
            .WithTags("Channel policy");

        policy.MapGet("", async (IGrainFactory grains) => TypedResults.Ok(await PolicyGrain(grains).GetConfigurationAsync()))
            .WithName("GetChannelPolicy")
            .WithSummary("The channel policy at every level")
            .GatewayProblems();

        policy.MapPut("", (ChannelPolicyRequest body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
                SetAsync(body, context, catalog, v => { }, p => PolicyGrain(grains).SetGlobalAsync(p)))
            .WithName("SetGlobalChannelPolicy")
            .WithSummary("Set the global channel policy")
            .Idempotent()
            .Produces<ChannelPolicy>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);

        policy.MapPut("/locations/{locationId}", (string locationId, ChannelPolicyRequest body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
                SetAsync(body, context, catalog, v => v.Location(locationId, "locationId"), p => PolicyGrain(grains).SetForLocationAsync(locationId, p)))
            .WithName("SetLocationChannelPolicy")
            .WithSummary("Set the channel policy of every position at a location without its own")
            .Idempotent()
            .Produces<ChannelPolicy>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);

        policy.MapDelete("/locations/{locationId}", async Task<IResult> (string locationId, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
            {
                var v = new RequestValidator();
                v.Location(locationId, "locationId");
                if (await v.CheckAsync(context, catalog) is { } refused)
                {
                    return refused;
                }

                GatewayCommand.Start(context, null);
                return await PolicyGrain(grains).ClearLocationAsync(locationId)
                    ? TypedResults.NoContent()
                    : GatewayProblem.Result(context, ProblemType.NotFound, $"Location '{locationId}' has no channel policy of its own.");
            })
            .WithName("ClearLocationChannelPolicy")
            .WithSummary("Remove a location's own channel policy; its positions fall back to the global one")
            .Idempotent()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);

        policy.MapGet("/positions/{position}", async Task<IResult> (string position, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
            {
                var v = new RequestValidator();
                var key = v.Position(position, "position");
                if (await v.CheckAsync(context, catalog) is { } refused)
                {
                    return refused;
                }

                return TypedResults.Ok(await PolicyGrain(grains).GetEffectiveAsync(key));
            })
            .WithName("GetPositionChannelPolicy")
            .WithSummary("The channel policy in force at one SKU-location")
            .Produces<EffectivePolicy>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);

        policy.MapPut("/positions/{position}", (string position, ChannelPolicyRequest body, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
            {
                var key = default(PositionKey);
                return SetAsync(body, context, catalog, v => key = v.Position(position, "position"), p => PolicyGrain(grains).SetForPositionAsync(key, p));
            })
            .WithName("SetPositionChannelPolicy")
            .WithSummary("Set the channel policy (and so the SafetyStock) of one SKU-location")
            .Idempotent()
            .Produces<ChannelPolicy>()
            .GatewayProblems(StatusCodes.Status422UnprocessableEntity);

        policy.MapDelete("/positions/{position}", async Task<IResult> (string position, HttpContext context, IGrainFactory grains, ICatalogCheck catalog) =>
            {
                var v = new RequestValidator();
                var key = v.Position(position, "position");
                if (await v.CheckAsync(context, catalog) is { } refused)
                {
                    return refused;
                }

                GatewayCommand.Start(context, null);
                return await PolicyGrain(grains).ClearPositionAsync(key)
                    ? TypedResults.NoContent()
                    : GatewayProblem.Result(context, ProblemType.NotFound, $"Position '{key}' has no channel policy of its own.");
            })
            .WithName("ClearPositionChannelPolicy")
            .WithSummary("Remove a position's own channel policy; it falls back to its location's or the global one")
            .Idempotent()
            .GatewayProblems(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity);
    }

    private static IChannelPolicyGrain PolicyGrain(IGrainFactory grains) => grains.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey);

    private static async Task<IResult> SetAsync(ChannelPolicyRequest body, HttpContext context, ICatalogCheck catalog,
        Action<RequestValidator> validateTarget, Func<ChannelPolicy, Task<ChannelPolicy>> set)
    {
        var v = new RequestValidator();
        validateTarget(v);
        var policy = ToPolicy(body, v);
        if (await v.CheckAsync(context, catalog) is { } refused)
        {
            return refused;
        }

        GatewayCommand.Start(context, null);
        return TypedResults.Ok(await set(policy));
    }

    private static ChannelPolicy ToPolicy(ChannelPolicyRequest body, RequestValidator v)
    {
        var protectedTier = body.ProtectedTier ?? 0;
        if (protectedTier < 0 || protectedTier > Limits.MaxTier)
        {
            v.Fail("protectedTier", $"'protectedTier' must be 0 to {Limits.MaxTier}; {protectedTier} was sent.");
        }

        var safetyStock = body.SafetyStock ?? 0;
        if (safetyStock < 0)
        {
            v.Fail("safetyStock", $"'safetyStock' must not be negative; {safetyStock} was sent.");
        }
        else if (safetyStock > Limits.MaxPositionQuantity)
        {
            v.Fail("safetyStock", $"'safetyStock' may be at most {Limits.MaxPositionQuantity:N0}, the most a position may hold; {safetyStock} was sent.");
        }

        var cartTtl = body.DefaultCartTtlSeconds ?? 900;
        if (cartTtl is <= 0 or > MaxCartTtlSeconds)
        {
            v.Fail("defaultCartTtlSeconds", $"'defaultCartTtlSeconds' must be from 1 to {MaxCartTtlSeconds} (7 days); {cartTtl} was sent.");
        }

        if (body.Channels?.Count > MaxChannels)
        {
            v.Fail("channels", $"'channels' may name at most {MaxChannels} channels; {body.Channels.Count} were sent.");
            return new ChannelPolicy();
        }

        var rules = new Dictionary<string, ChannelRule>(StringComparer.Ordinal);
        foreach (var (channel, rule) in body.Channels ?? new Dictionary<string, ChannelRuleRequest?>())
        {
            var field = $"channels.{channel}";
            if (!ChannelIds.IsValid(channel))
            {
                v.Fail(field, $"The channel id '{channel}' must be {ChannelIds.Rule}.");
                continue;
            }

            if (rule is null)
            {
                v.Fail(field, $"'{field}' must be an object with at least a tier.");
                continue;
            }

            var tier = v.NonNegative(rule.Tier, $"{field}.tier", Limits.MaxTier);
            ChannelCap? cap = null;
            if (rule.CapUnits is not null && rule.CapFraction is not null)
            {
                v.Fail(field, $"'{field}' may set capUnits or capFraction, not both.");
            }
            else if (rule.CapUnits is { } units)
            {
                cap = units >= 0 ? ChannelCap.Units(units) : Fail(v, $"{field}.capUnits", "must not be negative");
            }
            else if (rule.CapFraction is { } fraction)
            {
                cap = fraction is >= 0m and <= 1m ? ChannelCap.FractionOfSellable(fraction) : Fail(v, $"{field}.capFraction", "must be between 0 and 1");
            }

            if (rule.CartTtlSeconds is <= 0 or > MaxCartTtlSeconds)
            {
                v.Fail($"{field}.cartTtlSeconds", $"'{field}.cartTtlSeconds' must be from 1 to {MaxCartTtlSeconds} (7 days); {rule.CartTtlSeconds} was sent.");
            }

            rules[channel] = new ChannelRule(tier, cap, rule.CartTtlSeconds is { } ttl ? TimeSpan.FromSeconds(ttl) : null);
        }

        return new ChannelPolicy
        {
            ProtectedTier = protectedTier,
            SafetyStock = safetyStock,
            DefaultCartTtl = TimeSpan.FromSeconds(Math.Max(1, cartTtl)),
            Channels = rules,
        };
    }

    private static ChannelCap? Fail(RequestValidator v, string field, string message)
    {
        v.Fail(field, $"'{field}' {message}.");
        return null;
    }
}
