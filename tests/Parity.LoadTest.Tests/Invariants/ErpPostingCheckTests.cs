using Parity.ErpSandbox;
using Parity.LoadTest.Invariants;

namespace Parity.LoadTest.Tests.Invariants;

public sealed class ErpPostingCheckTests
{
    private static readonly SandboxCounts Counts = new(0, 0, 0, 2, 1, 0, 0, 0);

    [Fact]
    public void Counts_a_second_document_for_one_fact_and_one_external_id_as_duplicates_and_a_missing_one_as_missing()
    {
        var documents = new[]
        {
            Document("d1", "je-1", "SaleShipped web:1"),
            Document("d2", "je-2", "SaleShipped web:1"), // the same shipment under another key: a duplicate posting
            Document("d3", "je-3", "Refunded web:2"),
            Document("d4", "je-3", "Refunded web:2"), // one key posted twice
        };
        var expected = new Dictionary<string, int> { ["SaleShipped web:1"] = 1, ["Refunded web:2"] = 1, ["SaleReturned web:3"] = 1 };

        var count = ErpPostingCheck.Count(documents, Counts, expected);

        Assert.Equal(1 + 1 + 1, count.Duplicates); // je-3 twice; web:1 one too many; web:2 one too many
        Assert.Equal(1, count.Missing);
        Assert.Equal(4, count.Documents);
        Assert.Equal(3, count.Expected);
        Assert.Equal(2, count.ResendsDeduplicated);
        Assert.Equal(1, count.Rejected);
    }

    [Fact]
    public void One_document_per_expected_journal_is_no_duplicate()
    {
        var documents = new[] { Document("d1", "je-1", "SaleShipped web:1"), Document("d2", "je-2", "SaleShipped web:1") };

        var count = ErpPostingCheck.Count(documents, Counts, new Dictionary<string, int> { ["SaleShipped web:1"] = 2 });

        Assert.Equal(0, count.Duplicates);
        Assert.Equal(0, count.Missing);
    }

    private static SandboxDocument Document(string id, string externalId, string description) =>
        new(id, new JournalRequest(externalId, "default", "EUR", new DateOnly(2026, 12, 2), description, []), DateTimeOffset.UtcNow);
}
