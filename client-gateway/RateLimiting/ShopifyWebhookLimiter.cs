using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;

namespace Parity.Gateway.RateLimiting;

/// <summary>
/// Rate limits of signed Shopify webhooks, taken after the signature is checked: a valid one from its shop's bucket
/// (<see cref="RateLimitOptions.ShopifyShops"/>, by <c>X-Shopify-Shop-Domain</c>), a wrong one from its address's
/// (<see cref="RateLimitOptions.Unauthenticated"/>). Shopify's deliveries often share one address (a TLS proxy in
/// front of the gateway) with other traffic; this way junk from that address cannot use up the genuine webhooks' bucket.
/// Unsigned webhooks never get here: the per-address bucket refuses them before their body is read.
/// </summary>
internal sealed class ShopifyWebhookLimiter : IDisposable
{
    public const string ShopHeader = "X-Shopify-Shop-Domain";

    private readonly PartitionedRateLimiter<string> _shops;
    private readonly PartitionedRateLimiter<string> _addresses;

    public ShopifyWebhookLimiter(IOptions<GatewayOptions> options)
    {
        var limits = options.Value.RateLimits;
        _shops = PartitionedRateLimiter.Create<string, string>(shop =>
            RateLimitPartition.GetTokenBucketLimiter(shop, _ => ChannelRateLimiter.Bucket(limits.ShopifyShops)), StringComparer.OrdinalIgnoreCase);
        _addresses = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetTokenBucketLimiter(address, _ => ChannelRateLimiter.Bucket(limits.Unauthenticated)), StringComparer.Ordinal);
    }

    /// <summary>Takes a token for a webhook with a valid signature; null when allowed, else the 429 answer.</summary>
    public IResult? AcquireGenuine(HttpContext context)
    {
        var shop = context.Request.Headers[ShopHeader].ToString();
        using var lease = _shops.AttemptAcquire(shop);
        return lease.IsAcquired ? null : Refused(context, lease,
            $"Shopify shop '{(shop.Length == 0 ? "(no " + ShopHeader + ")" : shop)}' sent more webhooks than its rate limit allows. Retry after {{0}} s; Shopify retries on its own.");
    }

    /// <summary>Takes a token for a webhook whose signature is wrong; null when allowed (it is then answered 401), else the 429 answer.</summary>
    public IResult? AcquireJunk(HttpContext context)
    {
        using var lease = _addresses.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "");
        return lease.IsAcquired ? null : Refused(context, lease, "Too many webhooks with a wrong signature from this address. Retry after {0} s.");
    }

    public void Dispose()
    {
        _shops.Dispose();
        _addresses.Dispose();
    }

    private static IResult Refused(HttpContext context, RateLimitLease lease, string detail)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = GatewayProblem.RetryAfterSeconds(wait);
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return GatewayProblem.Result(context, ProblemType.RateLimited, string.Format(System.Globalization.CultureInfo.InvariantCulture, detail, seconds));
    }
}
