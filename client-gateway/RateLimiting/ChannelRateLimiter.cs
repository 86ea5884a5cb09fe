using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;
using Parity.Gateway.Orders;
using Parity.Gateway.Security;

namespace Parity.Gateway.RateLimiting;

/// <summary>
/// One token bucket per channel over every /v1 request (the built-in ASP.NET Core rate limiter, partitioned by the
/// authenticated channel), plus one per client address for requests without a valid key. A refused request is
/// answered 429 with Retry-After and never reaches a grain.
/// </summary>
internal static class ChannelRateLimiter
{
    public static void Configure(RateLimiterOptions limiter, RateLimitOptions limits, bool signedShopifyWebhooks)
    {
        // A channel's partition (its key and bucket factory) is made once, not on every request.
        var channelPartitions = new ConcurrentDictionary<string, RateLimitPartition<string>>(StringComparer.Ordinal);
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            if (!context.Request.Path.StartsWithSegments(GatewayRoutes.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetNoLimiter("");
            }

            // A webhook that claims Shopify's signature is limited per shop once the signature is checked
            // (ShopifyWebhookLimiter); one without a signature falls to its address's bucket below, before its body is read.
            if (signedShopifyWebhooks && context.Request.Headers.ContainsKey(ShopifyWebhookEndpoints.SignatureHeader)
                && context.Request.Path.StartsWithSegments(ShopifyWebhookEndpoints.Path, StringComparison.OrdinalIgnoreCase))
            {
                return RateLimitPartition.GetNoLimiter("");
            }

            var channel = context.User.ChannelId();
            return channel.Length > 0
                ? channelPartitions.GetOrAdd(channel, static (channel, limits) => RateLimitPartition.GetTokenBucketLimiter("channel:" + channel,
                    _ => Bucket(limits.Channels.GetValueOrDefault(channel) ?? limits.Default)), limits)
                : RateLimitPartition.GetTokenBucketLimiter("address:" + context.Connection.RemoteIpAddress,
                    _ => Bucket(limits.Unauthenticated));
        });
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = static (rejected, _) =>
        {
            var context = rejected.HttpContext;
            var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            var channel = context.User.ChannelId();
            return new ValueTask(GatewayProblem.WriteAsync(context, ProblemType.RateLimited,
                channel.Length > 0
                    ? $"Channel '{channel}' sent more requests than its rate limit allows. Retry after {GatewayProblem.RetryAfterSeconds(wait)} s; nothing was changed."
                    : $"Too many requests without a valid API key from this address. Retry after {GatewayProblem.RetryAfterSeconds(wait)} s.",
                wait));
        };
    }

    public static TokenBucketRateLimiterOptions Bucket(TokenBucketOptions options) => new()
    {
        TokenLimit = options.TokenLimit,
        TokensPerPeriod = options.TokensPerPeriod,
        ReplenishmentPeriod = options.ReplenishmentPeriod,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
