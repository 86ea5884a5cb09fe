namespace Parity.ErpSandbox;

/// <summary>Settings of the sandbox ERP, bound from the <c>Sandbox</c> section; most can be changed at run time
/// through the admin endpoints.</summary>
public sealed class SandboxOptions
{
    /// <summary>The chart of accounts: number → name. <value>The default value is <see cref="DefaultChart"/>.</value></summary>
    public Dictionary<string, string> Accounts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The item list (SKUs a line may name). <value>The default value is SKU-1 … SKU-9.</value></summary>
    public List<string> Items { get; set; } = [];

    /// <summary>Delay before each journal request is handled. <value>The default value is zero.</value></summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Journal requests per second accepted (token bucket); 0 means no limit. <value>The default value is 0.</value></summary>
    public double RatePerSecond { get; set; }

    /// <summary>Token bucket size. <value>The default value is 10.</value></summary>
    public int Burst { get; set; } = 10;

    /// <summary>Retry-After (seconds) sent with a 503 during an outage. <value>The default value is 1.</value></summary>
    public int OutageRetryAfterSeconds { get; set; } = 1;

    /// <summary>Periods up to and including this date are closed. <value>The default value is none.</value></summary>
    public DateOnly? ClosedThrough { get; set; }

    /// <summary>Outage windows (503 for every journal request inside one). <value>The default value is none.</value></summary>
    public List<OutageWindow> Outages { get; set; } = [];

    /// <summary>The chart the sandbox starts with when none is configured (Parity's default chart).</summary>
    public static IReadOnlyDictionary<string, string> DefaultChart { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["1010"] = "Cash clearing", ["1100"] = "Bank", ["1210"] = "Card clearing", ["1220"] = "PayPal clearing",
        ["1230"] = "Marketplace clearing", ["1300"] = "Inventory", ["1999"] = "Settlement suspense",
        ["2200"] = "VAT payable 20%", ["2210"] = "VAT payable 5%", ["2220"] = "VAT 0%", ["2250"] = "Sales tax payable", ["2300"] = "Refunds payable",
        ["2400"] = "Gift card liability", ["4000"] = "Merchandise revenue", ["4050"] = "Discounts", ["4100"] = "Shipping revenue",
        ["5000"] = "Cost of goods sold", ["6100"] = "Commission fees", ["6110"] = "Scheme fees", ["6120"] = "Fulfilment fees",
        ["6190"] = "Other provider fees", ["6300"] = "Chargebacks", ["7990"] = "Rounding differences",
    };
}

/// <summary>A time window in which the ERP answers 503.</summary>
/// <param name="From">Start (inclusive).</param>
/// <param name="Until">End (exclusive).</param>
public sealed record OutageWindow(DateTimeOffset From, DateTimeOffset Until);
