using Parity.GrainInterfaces.Erp;

namespace Parity.Contracts.Tests.Samples;

internal static partial class ContractSamples
{
    internal static ErpJournal Journal => new(
        "jk-4f1c",
        "sale-shipped",
        "shipment:web:1001:evt-3",
        "NL01",
        "EUR",
        Day,
        "Shipment of web:1001",
        [
            new JournalLine("1300", JournalSide.Debit, 24.18m, "web", "DC-1", "tender card"),
            new JournalLine("8000", JournalSide.Credit, 19.9900m, "web", "DC-1", "revenue"),
        ],
        ["evt-1", "evt-3"],
        "corr-1",
        "jk-0a9e");

    private static IEnumerable<ContractSample> Erp()
    {
        yield return ContractSample.Of(Journal.Lines[1]);
        yield return ContractSample.Of(Journal);
        yield return ContractSample.Of(new ErpPosted("DOC-1"));
        yield return ContractSample.Of(new ErpDuplicate("DOC-0"));
        yield return ContractSample.Of(new ErpRejected("PeriodClosed", "Period 2026-03 is closed."));
        yield return ContractSample.Of(new ErpTransient(TimeSpan.FromSeconds(30), "429 Too Many Requests", true));
        yield return ContractSample.Of(new PostingRequest(Journal, Fact));
        yield return ContractSample.Of(new ErpPostingStatus(3, 120, 1, true, At, 4));
        yield return ContractSample.Of(JournalSide.Credit);
    }
}
