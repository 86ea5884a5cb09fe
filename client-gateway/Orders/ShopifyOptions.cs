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

    /// <summary>
    /// Shopify tax line title → Parity tax code (the qualifier posting rules map, e.g. <c>VAT20</c>, <c>US-SALES</c>).
    /// A key is a title (<c>GB VAT</c>) or a title and Shopify's rate as a fraction (<c>FR TVA@0.055</c>); the title
    /// with the rate wins, so one title charged at several rates can post to several codes. Titles compare ignoring case.
    /// A title no key maps takes <see cref="DefaultTaxCode"/>. <value>Empty by default.</value>
    /// </summary>
    public Dictionary<string, string> TaxCodes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The tax code of a Shopify tax line whose title <see cref="TaxCodes"/> does not map: a US shop's state, county
    /// and city taxes all post as sales tax. Empty: the title itself is the tax code, and a journal no posting rule maps
    /// it in is held as UnmappedTaxCode (what an EU shop wants, so a title it did not expect is not booked as sales tax).
    /// <value>The default value is <c>US-SALES</c>, the default rules' sales tax (as store days default to it).</value>
    /// </summary>
    public string? DefaultTaxCode { get; set; } = "US-SALES";

    /// <summary>
    /// Shopify payment gateway (<c>gateway</c>, <c>payment_gateway_names</c>, a refund transaction's <c>gateway</c>) →
    /// Parity tender (the qualifier posting rules map: <c>card</c>, <c>paypal</c>, ...). Gateways compare ignoring case.
    /// A gateway no key maps (or mapped to an empty value) is the tender itself, and a journal no posting rule maps it
    /// in is held as UnmappedTaxCode. Configured keys add to or replace the defaults.
    /// <value>The default value maps <c>shopify_payments</c> → <c>card</c> and <c>paypal</c> → <c>paypal</c>.</value>
    /// </summary>
    public Dictionary<string, string> Tenders { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["shopify_payments"] = "card",
        ["paypal"] = "paypal",
    };
}
