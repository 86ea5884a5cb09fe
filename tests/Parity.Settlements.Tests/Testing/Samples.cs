using System.Globalization;

namespace Parity.Settlements.Tests.Testing;

/// <summary>The provider files kept in Samples/, in the providers' published layouts.</summary>
public static class Samples
{
    public const string StripeBatch = "po_1QpSample";
    public const string AdyenBatch = "812";
    public const string AmazonBatch = "12345678901";

    /// <summary>The Stripe file's payment intents: its lines' references.</summary>
    public static IReadOnlyList<string> StripeReferences { get; } = ["pi_3Q1aWeb1001", "pi_3Q1bWeb1002", "pi_3Q0zWeb1003"];

    /// <summary>The Adyen file's PSP references (what captures are recorded under).</summary>
    public static IReadOnlyList<string> AdyenPspReferences { get; } = ["8815987654321001", "8815987654321002", "8815987654321003", "8815987654321004"];

    /// <summary>The Adyen file's merchant references: its lines' references, mapped to order ids <c>web:{reference}</c>.</summary>
    public static IReadOnlyList<string> AdyenMerchantReferences { get; } = ["2001", "2002", "2003"];

    /// <summary>The Amazon file's order ids: its lines' references.</summary>
    public static IReadOnlyList<string> AmazonOrders { get; } = ["305-1111111-1111111", "305-2222222-2222222", "305-3333333-3333333"];

    public static string Stripe => Read("stripe-payout-reconciliation-itemized.csv");

    public static string Adyen => Read("adyen-settlement-details.csv");

    public static string Amazon => Read("amazon-settlement-v2.tsv");

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", name));
}

/// <summary>
/// A sample with its batch id and references made unique: the tests share a cluster, whose receivables are one grain
/// per provider and dedupe captures by reference, so two tests must never record or settle the same reference.
/// </summary>
/// <param name="Provider">The provider.</param>
/// <param name="BatchId">The unique batch id.</param>
/// <param name="Tag">What makes this sample's references unique.</param>
/// <param name="Content">The file.</param>
public sealed record UniqueSample(string Provider, string BatchId, string Tag, string Content)
{
    public string Key => $"{Provider}:{BatchId}";

    public string FactId => $"settlement:{Key}";

    /// <summary>This sample's version of a reference of the original file (or of any reference a test makes up).</summary>
    public string Ref(string reference) => $"{reference}-{Tag}";

    public static UniqueSample Stripe()
    {
        var tag = NewTag();
        var id = "po_" + tag;
        var content = Samples.StripeReferences.Aggregate(Samples.Stripe.Replace(Samples.StripeBatch, id, StringComparison.Ordinal),
            (text, reference) => text.Replace(reference, $"{reference}-{tag}", StringComparison.Ordinal));
        return new("stripe", id, tag, content);
    }

    public static UniqueSample Adyen()
    {
        var tag = NewTag();
        var id = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var content = Samples.Adyen.Replace($",{Samples.AdyenBatch},", $",{id},", StringComparison.Ordinal)
            .Replace($"Payout batch {Samples.AdyenBatch}", $"Payout batch {id}", StringComparison.Ordinal);
        content = Samples.AdyenPspReferences.Aggregate(content, (text, reference) => text.Replace(reference, $"{reference}-{tag}", StringComparison.Ordinal));
        content = Samples.AdyenMerchantReferences.Aggregate(content, (text, reference) => text.Replace($",{reference},", $",{reference}-{tag},", StringComparison.Ordinal));
        return new("adyen", id, tag, content);
    }

    public static UniqueSample Amazon()
    {
        var tag = NewTag();
        var id = Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture);
        var content = Samples.AmazonOrders.Aggregate(Samples.Amazon.Replace(Samples.AmazonBatch, id, StringComparison.Ordinal),
            (text, reference) => text.Replace(reference, $"{reference}-{tag}", StringComparison.Ordinal));
        return new("amazon", id, tag, content);
    }

    private static string NewTag() => Guid.NewGuid().ToString("N")[..12];
}
