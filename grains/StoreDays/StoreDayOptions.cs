using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.Posting;

namespace Parity.Grains.StoreDays;

/// <summary>
/// How store days post and where (silo configuration section <c>Parity:StoreDays</c>). Each store may override the
/// defaults under <see cref="Stores"/>. A day fixes its settings when it records its first batch or closes, so a
/// configuration change never splits one day between two granularities.
/// </summary>
public sealed class StoreDayOptions
{
    /// <summary>The configuration section the silo binds.</summary>
    public const string SectionName = "Parity:StoreDays";

    /// <summary>Posting granularity of stores without their own. <value>The default value is <see cref="PostingGranularity.Summary"/>.</value></summary>
    public PostingGranularity PostingGranularity { get; set; } = PostingGranularity.Summary;

    /// <summary>Legal entity (the posting intake grain's key) of stores without their own. <value>The default value is <c>default</c>.</value></summary>
    public string LegalEntity { get; set; } = "default";

    /// <summary>Currency of stores without their own. <value>The default value is <c>USD</c>.</value></summary>
    public string Currency { get; set; } = "USD";

    /// <summary>The tax code of POS lines that carry none, for stores without their own; empty: none (such lines' tax
    /// then needs a posting rule for tax of any code). <value>The default value is <c>US-SALES</c>, which the default
    /// posting rules map to sales tax payable (2250).</value></summary>
    public string TaxCode { get; set; } = PostingRulesOptions.DefaultSalesTaxCode;

    /// <summary>How soon a failed inventory line or posting hand-off is tried again (a durable reminder's period).
    /// <value>The default value is 1 minute.</value></summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The most units one POS line may carry in stores without their own: a line above it is implausible for a
    /// till (a scanned barcode typed into the quantity field) and the gateway refuses its batch with 422 naming the line,
    /// before it can empty a position and preempt channel reservations. <value>The default value is 1,000.</value></summary>
    public int PlausibleLineQuantity { get; set; } = 1_000;

    /// <summary>Per-store overrides, by store id.</summary>
    public Dictionary<string, StoreDayStoreOptions> Stores { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The effective settings of <paramref name="store"/>.</summary>
    public StoreDaySettings For(string store)
    {
        var own = Stores.GetValueOrDefault(store);
        return new StoreDaySettings(
            own?.PostingGranularity ?? PostingGranularity,
            string.IsNullOrWhiteSpace(own?.LegalEntity) ? LegalEntity : own.LegalEntity,
            string.IsNullOrWhiteSpace(own?.Currency) ? Currency : own.Currency,
            NormalizeTaxCode(own?.TaxCode ?? TaxCode));
    }

    /// <summary>The most units one POS line of <paramref name="store"/> may carry.</summary>
    public int PlausibleLineQuantityOf(string store) => Stores.GetValueOrDefault(store)?.PlausibleLineQuantity ?? PlausibleLineQuantity;

    // Tax codes are upper case in the canonical model (the gateway upper-cases what POS sends); empty means none.
    private static string? NormalizeTaxCode(string? code) => string.IsNullOrWhiteSpace(code) ? null : code.Trim().ToUpperInvariant();
}

/// <summary>One store's overrides; unset members fall back to <see cref="StoreDayOptions"/>.</summary>
public sealed class StoreDayStoreOptions
{
    /// <summary>Per ticket or summary at close.</summary>
    public PostingGranularity? PostingGranularity { get; set; }

    /// <summary>The legal entity the store books in.</summary>
    public string? LegalEntity { get; set; }

    /// <summary>The store's currency.</summary>
    public string? Currency { get; set; }

    /// <summary>The tax code of the store's POS lines that carry none; empty: none.</summary>
    public string? TaxCode { get; set; }

    /// <summary>The most units one of the store's POS lines may carry (a warehouse outlet selling by the pallet).</summary>
    public int? PlausibleLineQuantity { get; set; }
}

/// <summary>The settings a store day fixed when it began.</summary>
/// <param name="Posting">Posting granularity.</param>
/// <param name="LegalEntity">Legal entity.</param>
/// <param name="Currency">Currency.</param>
/// <param name="TaxCode">The tax code of lines that carry none; null: none, or a day begun before stores had one (it
/// then takes the store's current one).</param>
public sealed record StoreDaySettings(PostingGranularity Posting, string LegalEntity, string Currency, string? TaxCode = null);
