namespace Parity.Gateway.Orders;

/// <summary>Settings of the Shopify webhook adapter (configuration section <c>Gateway:Shopify</c>).</summary>
public sealed class ShopifyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Gateway:Shopify";

    /// <summary>The channel Shopify orders belong to when a webhook is authenticated by its signature.
    /// <value>The default value is "shopify".</value></summary>
    public string Channel { get; set; } = "shopify";

    /// <summary>The app's webhook secret. When set, every webhook must carry a valid <c>X-Shopify-Hmac-Sha256</c>
    /// and needs no API key; when empty, webhooks are authenticated by API key (orders:write) like any request.
    /// <value>The default value is none.</value></summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Shopify location id → Parity location id. When empty, Shopify locations are ignored and the order
    /// uses its own allocations; when set, an unmapped location is refused (422).
    /// <value>Empty by default.</value></summary>
    public Dictionary<string, string> Locations { get; set; } = new(StringComparer.Ordinal);
}
