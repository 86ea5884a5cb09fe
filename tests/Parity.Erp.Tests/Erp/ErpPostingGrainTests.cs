using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Erp;

[Collection(RecordingErpFixture.CollectionName)]
public sealed class ErpPostingGrainTests(RecordingErpFixture fixture)
{
    [Fact]
    public async Task Enqueue_SameJournalTwice_QueuesItOnce()
    {
        var cluster = fixture.Cluster;
        var entity = ErpCluster.NewLegalEntity();
        fixture.Erp.Script(entity, new ErpTransient(TimeSpan.FromSeconds(30), "hold on"));
        var journal = Assert.IsType<JournalBuilt>(new PostingRules(PostingRulesOptions.CreateDefault()).Build(Facts.SaleShipped(entity))).Journal;
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);

        Assert.Equal(1, await posting.EnqueueAsync([new PostingRequest(journal, null), new PostingRequest(journal, null)]));
        Assert.Equal(0, await posting.EnqueueAsync([new PostingRequest(journal, null)]));
        Assert.Equal(1, (await posting.GetStatusAsync()).Queued);
    }
}
