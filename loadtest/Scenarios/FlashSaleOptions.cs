namespace Parity.LoadTest.Scenarios;

/// <summary>The shape of a flash sale: a few hot positions, many channels of different tiers, SafetyStock and caps.</summary>
internal sealed record FlashSaleOptions
{
    /// <summary>Hot SKUs.</summary>
    /// <value>The default value is 1.</value>
    public int Skus { get; init; } = 1;

    /// <summary>Locations each SKU is sold from.</summary>
    /// <value>The default value is 1.</value>
    public int Locations { get; init; } = 1;

    /// <summary>OnHand of each position before the sale.</summary>
    /// <value>The default value is 100,000 units.</value>
    public int Stock { get; init; } = 100_000;

    /// <summary>SafetyStock of each position: only tier 0 (stores) may consume it.</summary>
    /// <value>The default value is 1 % of <see cref="Stock"/>.</value>
    public int? SafetyStock { get; init; }

    /// <summary>Store channels (tier 0, no cap).</summary>
    /// <value>The default value is 2.</value>
    public int StoreChannels { get; init; } = 2;

    /// <summary>Web channels (tier 1, no cap).</summary>
    /// <value>The default value is 3.</value>
    public int WebChannels { get; init; } = 3;

    /// <summary>Marketplace channels (tier 2), each capped at <see cref="MarketplaceCapFraction"/> of OnHand.</summary>
    /// <value>The default value is 3.</value>
    public int MarketplaceChannels { get; init; } = 3;

    /// <summary>Cap of each marketplace as a fraction of sellable stock.</summary>
    /// <value>The default value is 0.1 (three marketplaces: 30 % between them).</value>
    public decimal MarketplaceCapFraction { get; init; } = 0.1m;

    /// <summary>Most units one request asks for (each asks 1 to this many).</summary>
    /// <value>The default value is 1.</value>
    public int MaxQuantity { get; init; } = 1;

    /// <summary>Seed of the request mix, so two runs send the same requests.</summary>
    /// <value>The default value is 7.</value>
    public int Seed { get; init; } = 7;

    /// <summary>SafetyStock in force.</summary>
    public int EffectiveSafetyStock => SafetyStock ?? Stock / 100;
}
