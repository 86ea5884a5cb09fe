using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;

namespace Parity.Erp.Tests.Erp;

[Collection(DurableErpFixture.CollectionName)]
public sealed class ErpPostingRestartTests(DurableErpFixture fixture)
{
    [Fact]
    public async Task Reverse_QueuesAReversingEntry_OnceByCorrectionId_EvenAfterTheSiloRestarted()
    {
        var cluster = fixture.Cluster;
        var erp = new RecordingErpConnector();
        var entity = ErpCluster.NewLegalEntity();
        fixture.Routes.Route(entity, erp);
        var receipt = (await FactStream.SubmitAsync(cluster.Grains, entity, 0, 1)).Single();
        await ErpCluster.WaitUntilAsync(async () => (await cluster.Grains.GetGrain<IErpPostingGrain>(entity).GetStatusAsync()).Posted == 1);

        // The posted body is no longer in the state: after a restart it is read back from the grain's journal.
        await cluster.RestartSiloAsync(crash: true);
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);
        var reversalKey = await posting.ReverseAsync(receipt.JournalKey, "fix-1");
        Assert.Equal(reversalKey, await posting.ReverseAsync(receipt.JournalKey, "fix-1"));
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 2, because: "the reversal is posted");

        var original = erp.Received.Single(j => j.JournalKey == receipt.JournalKey);
        var reversal = erp.Received.Single(j => j.JournalKey == reversalKey);
        Assert.Equal(receipt.JournalKey, reversal.ReversesJournalKey);
        Assert.Equal(original.Lines.Select(l => (l.Account, l.Amount, l.Side == JournalSide.Debit ? JournalSide.Credit : JournalSide.Debit)),
            reversal.Lines.Select(l => (l.Account, l.Amount, l.Side)));
        Assert.Equal(2, erp.Documents.Count(d => d.Key == receipt.JournalKey || d.Key == reversalKey));
        await Assert.ThrowsAnyAsync<Exception>(() => posting.ReverseAsync("je-unknown", "fix-2"));
    }
}
