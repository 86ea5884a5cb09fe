using Parity.GrainInterfaces.Posting;

namespace Parity.Erp.Tests.Testing;

/// <summary>Builds business facts the way the order, store-day and settlement grains hand them over.</summary>
internal static class Facts
{
    public static readonly DateTimeOffset Day = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public static BusinessFact Of(BusinessFactKind kind, string legalEntity, params FactAmount[] amounts) =>
        Of(kind, legalEntity, $"fact-{Guid.NewGuid():N}", amounts);

    public static BusinessFact Of(BusinessFactKind kind, string legalEntity, string factId, params FactAmount[] amounts) =>
        new(factId, kind, legalEntity, "web", "DC-1", "EUR", Day, amounts,
            new FactLineage($"corr-{factId}", "shopify", [$"evt-{factId}-a", $"evt-{factId}-b"]), $"web:{factId}");

    /// <summary>A web order shipped: 100 net revenue, 20 VAT, 5 shipping, 10 discount, paid 115 by card, COGS 40.</summary>
    public static BusinessFact SaleShipped(string legalEntity, string? factId = null) =>
        Of(BusinessFactKind.SaleShipped, legalEntity, factId ?? $"ship-{Guid.NewGuid():N}",
            new(FactAmountTypes.Revenue, 100m),
            new(FactAmountTypes.Tax, 20m, "VAT20"),
            new(FactAmountTypes.Shipping, 5m),
            new(FactAmountTypes.Discount, 10m),
            new(FactAmountTypes.Tender, 115m, "card"),
            new(FactAmountTypes.Cogs, 40m, "SKU-1"));

    /// <summary>The same sale in <paramref name="channel"/>: posting feeds the figures of the fact's channel and day.</summary>
    public static BusinessFact SaleShippedIn(string channel, string legalEntity) => SaleShipped(legalEntity) with { Channel = channel };

    public static FactAmount A(string type, decimal amount, string? qualifier = null) => new(type, amount, qualifier);
}
