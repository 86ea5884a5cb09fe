using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    internal static BusinessFact Fact => new(
        "shipment:web:1001:evt-3",
        BusinessFactKind.SaleReturned,
        "NL01",
        "web",
        "DC-1",
        "EUR",
        At,
        [new FactAmount(FactAmountTypes.Tax, 3.80m, "VAT21"), new FactAmount(FactAmountTypes.Revenue, 19.99m, "SKU-123")],
        new FactLineage("corr-1", "shopify", ["evt-1", "evt-3"]),
        "web:1001");

    private static IEnumerable<ContractSample> Posting()
    {
        yield return ContractSample.Of(Fact.Amounts[0]);
        yield return ContractSample.Of(Fact.Lineage);
        yield return ContractSample.Of(Fact);
        yield return ContractSample.Of(Fact with { ReleasedByPerson = true }, "released-by-person");
        yield return ContractSample.Of(new PostingReceipt("shipment:web:1001:evt-3", "jk-4f1c", true, true));
        yield return ContractSample.Of(new HeldFact(Fact, "No account for tax code VAT21.", ExceptionCategory.UnmappedTaxCode));
        yield return ContractSample.Of(new HeldFact(Fact, "No account for tax code VAT21.", ExceptionCategory.UnmappedTaxCode, "posting/NL01/UnmappedTaxCode/PosTicket:tax 'VAT21'"), "exception");
        yield return ContractSample.Of(BusinessFactKind.StoreDaySummary);
    }
}
