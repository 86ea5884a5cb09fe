namespace Parity.Gateway.Hosting;

/// <summary>Settings of the channel gateway (configuration section <c>Gateway</c>).</summary>
public sealed class GatewayOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Gateway";

    /// <summary>API keys, each acting for one channel with a set of scopes. When none is configured and the host runs
    /// in the Development environment, <see cref="DevelopmentApiKeys"/> apply.
    /// <value>The default value is no keys.</value></summary>
    public List<ApiKeyOptions> ApiKeys { get; set; } = [];

    /// <summary>Largest request body accepted, in bytes. <value>The default value is 1 MiB.</value></summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Bytes of request bodies held in memory at once across all requests; a body that does not fit is
    /// refused with 503 and Retry-After. <value>The default value is 64 MiB.</value></summary>
    public long RequestBodyBudgetBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long the grain calls of one request may take before the gateway answers 504.
    /// <value>The default value is 10 seconds.</value></summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long answers to requests sent with an Idempotency-Key are replayed.
    /// <value>The default value is 24 hours.</value></summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Per-channel rate limits.</summary>
    public RateLimitOptions RateLimits { get; set; } = new();

    /// <summary>The keys a newcomer can curl with when the host runs in Development and configures none. Never used
    /// in any other environment.</summary>
    public static IReadOnlyList<ApiKeyOptions> DevelopmentApiKeys { get; } =
    [
        new() { Key = "parity-dev-store", Channel = "store", Scopes = [GatewayScopes.InventoryRead, GatewayScopes.InventoryWrite, GatewayScopes.Reservations, GatewayScopes.OrdersWrite, GatewayScopes.OrdersRead] },
        new() { Key = "parity-dev-web", Channel = "web", Scopes = [GatewayScopes.InventoryRead, GatewayScopes.Reservations, GatewayScopes.OrdersWrite, GatewayScopes.OrdersRead] },
        new() { Key = "parity-dev-marketplace", Channel = "marketplace", Scopes = [GatewayScopes.InventoryRead, GatewayScopes.Reservations, GatewayScopes.OrdersWrite, GatewayScopes.OrdersRead] },
        new() { Key = "parity-dev-warehouse", Channel = "warehouse", Scopes = [GatewayScopes.InventoryRead, GatewayScopes.InventoryWrite] },
        new() { Key = "parity-dev-admin", Channel = "operations", Scopes = [GatewayScopes.Admin] },
        new() { Key = "parity-dev-pos", Channel = "STORE-1", Scopes = [GatewayScopes.PosWrite, GatewayScopes.PosRead] },
    ];
}

/// <summary>Keys anyone can read (README, docs, the source): usable in Development only.</summary>
public static class PublishedKeys
{
    /// <summary>Whether <paramref name="key"/> is one of <see cref="GatewayOptions.DevelopmentApiKeys"/>.</summary>
    public static bool IsPublishedDevelopmentKey(string key) =>
        GatewayOptions.DevelopmentApiKeys.Any(k => string.Equals(k.Key, key.Trim(), StringComparison.Ordinal));

    /// <summary>The settings among <paramref name="keys"/> holding a published development key, as <c>Gateway:ApiKeys:{i}:Key</c>.</summary>
    public static IEnumerable<string> Offending(IReadOnlyList<ApiKeyOptions> keys) =>
        keys.Select((k, i) => (k, i)).Where(x => IsPublishedDevelopmentKey(x.k.Key)).Select(x => $"{GatewayOptions.SectionName}:ApiKeys:{x.i}:Key");
}

/// <summary>One API key: who it acts for and what it may do.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The secret sent in the <c>X-Api-Key</c> header; at least 12 characters.</summary>
    public string Key { get; set; } = "";

    /// <summary>The channel the key acts for (e.g. <c>web</c>, <c>store</c>, <c>marketplace</c>).</summary>
    public string Channel { get; set; } = "";

    /// <summary>What the key may do; see <see cref="GatewayScopes"/>.</summary>
    public List<string> Scopes { get; set; } = [];
}

/// <summary>Rate limits: a token bucket per channel.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The bucket of every channel without its own entry in <see cref="Channels"/>.</summary>
    public TokenBucketOptions Default { get; set; } = new();

    /// <summary>Buckets for named channels.</summary>
    public Dictionary<string, TokenBucketOptions> Channels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The bucket for requests without a valid API key, per client address (slows down key guessing).</summary>
    public TokenBucketOptions Unauthenticated { get; set; } = new() { TokenLimit = 20, TokensPerPeriod = 10 };

    /// <summary>The bucket of each Shopify shop (<c>X-Shopify-Shop-Domain</c>) for webhooks whose signature is valid,
    /// checked after the signature, so junk from the same address cannot use it up. Webhooks with a missing or wrong
    /// signature take from <see cref="Unauthenticated"/> of their address instead.</summary>
    public TokenBucketOptions ShopifyShops { get; set; } = new();
}

/// <summary>A token bucket: up to <see cref="TokenLimit"/> requests at once, refilled by <see cref="TokensPerPeriod"/>
/// every <see cref="ReplenishmentPeriod"/>.</summary>
public sealed class TokenBucketOptions
{
    /// <summary>Burst size. <value>The default value is 200.</value></summary>
    public int TokenLimit { get; set; } = 200;

    /// <summary>Tokens added per period. <value>The default value is 100.</value></summary>
    public int TokensPerPeriod { get; set; } = 100;

    /// <summary>Refill period. <value>The default value is 1 second.</value></summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
