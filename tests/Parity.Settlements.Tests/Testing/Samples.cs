namespace Parity.Settlements.Tests.Testing;

/// <summary>The provider files kept in Samples/, in the providers' published layouts.</summary>
public static class Samples
{
    public const string StripeBatch = "po_1QpSample";
    public const string AdyenBatch = "812";
    public const string AmazonBatch = "12345678901";

    public static string Stripe => Read("stripe-payout-reconciliation-itemized.csv");

    public static string Adyen => Read("adyen-settlement-details.csv");

    public static string Amazon => Read("amazon-settlement-v2.tsv");

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));
}

/// <summary>A sample with its batch id made unique, so facts recorded by the shared posting double never mix.</summary>
/// <param name="Provider">The provider.</param>
/// <param name="BatchId">The unique batch id.</param>
/// <param name="Content">The file.</param>
public sealed record UniqueSample(string Provider, string BatchId, string Content)
{
    public string Key => $"{Provider}:{BatchId}";

    public string FactId => $"settlement:{Key}";

    public static UniqueSample Stripe()
    {
        var id = "po_" + Guid.NewGuid().ToString("N")[..12];
        return new("stripe", id, Samples.Stripe.Replace(Samples.StripeBatch, id, StringComparison.Ordinal));
    }

    public static UniqueSample Adyen()
    {
        var id = Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new("adyen", id, Samples.Adyen.Replace($",{Samples.AdyenBatch},", $",{id},", StringComparison.Ordinal)
            .Replace($"Payout batch {Samples.AdyenBatch}", $"Payout batch {id}", StringComparison.Ordinal));
    }

    public static UniqueSample Amazon()
    {
        var id = Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new("amazon", id, Samples.Amazon.Replace(Samples.AmazonBatch, id, StringComparison.Ordinal));
    }
}
