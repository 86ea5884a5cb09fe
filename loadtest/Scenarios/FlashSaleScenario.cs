using System.Globalization;
using Parity.LoadTest.Invariants;

namespace Parity.LoadTest.Scenarios;

/// <summary>A channel of the sale: its tier, cap and share of the demand.</summary>
/// <param name="Id">Channel id.</param>
/// <param name="Tier">Priority tier (0 highest).</param>
/// <param name="CapFraction">Cap as a fraction of OnHand, or null.</param>
/// <param name="Weight">Relative share of the requests.</param>
internal sealed record SaleChannel(string Id, int Tier, decimal? CapFraction, double Weight);

/// <summary>One reservation request of the sale.</summary>
/// <param name="RequestId">Idempotency key, unique per run.</param>
/// <param name="Channel">The channel reserving.</param>
/// <param name="Sku">The SKU.</param>
/// <param name="Location">The location.</param>
/// <param name="Quantity">Units asked.</param>
internal sealed record SaleRequest(string RequestId, string Channel, string Sku, string Location, int Quantity)
{
    /// <summary><c>SKU@LOCATION</c>.</summary>
    public string Position => $"{Sku}@{Location}";
}

/// <summary>
/// The flash-sale scenario: which positions and channels exist, the policy each position gets, and request number i
/// (a pure function of the seed and i, so the Parity run, the baseline and the ceiling see the same request mix).
/// Demand is 20 % stores, 40 % web, 40 % marketplaces, split evenly inside each group.
/// </summary>
internal sealed class FlashSaleScenario
{
    /// <summary>The scenario's name on the command line and in reports.</summary>
    public const string Name = "flash-sale";

    public FlashSaleScenario(FlashSaleOptions options, string runId, IReadOnlyList<(string Sku, string Location)>? positions = null)
    {
        if (options.Skus < 1 || options.Locations < 1 || options.Stock < 1 || options.MaxQuantity < 1
            || options.StoreChannels + options.WebChannels + options.MarketplaceChannels < 1)
        {
            throw new ArgumentException("A flash sale needs at least one SKU, location, unit, channel and a positive quantity.", nameof(options));
        }

        Options = options;
        RunId = runId;
        var channels = new List<SaleChannel>();
        channels.AddRange(Enumerable.Range(1, options.StoreChannels).Select(n => new SaleChannel($"store-{n}", 0, null, 0.2 / options.StoreChannels)));
        channels.AddRange(Enumerable.Range(1, options.WebChannels).Select(n => new SaleChannel($"web-{n}", 1, null, 0.4 / options.WebChannels)));
        channels.AddRange(Enumerable.Range(1, options.MarketplaceChannels).Select(n => new SaleChannel($"marketplace-{n}", 2, options.MarketplaceCapFraction, 0.4 / options.MarketplaceChannels)));
        Channels = channels;
        Positions = positions ?? (from s in Enumerable.Range(1, options.Skus) from l in Enumerable.Range(1, options.Locations)
                                  select (Sku: $"FS-{runId}-{s}", Location: $"DC-{l}")).ToList();
        var total = channels.Sum(c => c.Weight);
        double cumulative = 0;
        _cumulativeWeights = [.. channels.Select(c => cumulative += c.Weight / total)];
    }

    private readonly double[] _cumulativeWeights;

    /// <summary>The sizes and shares.</summary>
    public FlashSaleOptions Options { get; }

    /// <summary>Distinguishes this run's SKUs and request ids from any earlier run's on the same target.</summary>
    public string RunId { get; }

    /// <summary>Every channel, stores first.</summary>
    public IReadOnlyList<SaleChannel> Channels { get; }

    /// <summary>The hot positions.</summary>
    public IReadOnlyList<(string Sku, string Location)> Positions { get; }

    /// <summary>The policy every position gets, as the checker reads it.</summary>
    public IReadOnlyDictionary<string, ChannelLimit> Limits =>
        Channels.ToDictionary(c => c.Id, c => new ChannelLimit(c.Tier, null, c.CapFraction), StringComparer.Ordinal);

    /// <summary>The channel-policy request body set on each position before the sale.</summary>
    public object PolicyBody => new
    {
        protectedTier = 0,
        safetyStock = Options.EffectiveSafetyStock,
        channels = Channels.ToDictionary(c => c.Id, c => (object)(c.CapFraction is { } f ? new { tier = c.Tier, capFraction = f } : new { tier = c.Tier })),
    };

    /// <summary>Request number <paramref name="index"/>.</summary>
    public SaleRequest Request(long index, string prefix = "")
    {
        var random = new Random(HashCode.Combine(Options.Seed, index));
        var pick = random.NextDouble();
        var channel = Channels[Math.Min(Channels.Count - 1, Array.FindIndex(_cumulativeWeights, w => pick < w) is var i and >= 0 ? i : Channels.Count - 1)];
        var (sku, location) = Positions[random.Next(Positions.Count)];
        var quantity = random.Next(1, Options.MaxQuantity + 1);
        return new SaleRequest(string.Create(CultureInfo.InvariantCulture, $"{prefix}{RunId}-{index}"), channel.Id, sku, location, quantity);
    }
}
