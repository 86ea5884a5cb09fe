using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Erp;

public sealed class ErpPostingGrainTests
{
    private static Task<Runtime.Testing.TestCluster> StartAsync(IErpConnector? connector) =>
        ErpCluster.StartAsync(new PostingRuleBook(PostingRulesOptions.CreateDefault()), s =>
        {
            s.AddSingleton(Options.Create(ErpCluster.QuickRetries()));
            if (connector is not null)
            {
                s.AddSingleton(connector);
            }
        });

    [Fact]
    public async Task Reverse_QueuesAReversingEntry_OnceByCorrectionId_EvenAfterTheSiloRestarted()
    {
        var erp = new RecordingErpConnector();
        await using var cluster = await StartAsync(erp);
        var entity = ErpCluster.NewLegalEntity();
        var receipt = (await FactStream.SubmitAsync(cluster.GrainFactory, entity, 0, 1)).Single();
        var posting = cluster.GrainFactory.GetGrain<IErpPostingGrain>(entity);
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 1);

        // The posted body is no longer in the state: after a restart it is read back from the grain's journal.
        await cluster.KillSiloAsync(cluster.Silos[0]);
        await cluster.StartAdditionalSiloAsync();
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

    [Fact]
    public async Task WithoutAnErp_JournalsQueueDurably_AndTheOutageIsRaised()
    {
        await using var cluster = await StartAsync(connector: null);
        var entity = ErpCluster.NewLegalEntity();
        var posting = cluster.GrainFactory.GetGrain<IErpPostingGrain>(entity);

        await FactStream.SubmitAsync(cluster.GrainFactory, entity, 0, 5);

        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()) is { Queued: 5, CircuitOpen: true }, because: "the circuit opens");
        var queue = cluster.GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        var outage = Assert.Single(await queue.GetAsync(ExceptionCategory.ErpUnavailable));
        Assert.Contains("No ERP is configured", outage.Message);
        Assert.Equal(0, (await posting.GetStatusAsync()).Posted);
    }

    [Fact]
    public async Task Enqueue_SameJournalTwice_QueuesItOnce()
    {
        var erp = new RecordingErpConnector();
        erp.Script(new ErpTransient(TimeSpan.FromSeconds(30), "hold on"));
        await using var cluster = await StartAsync(erp);
        var entity = ErpCluster.NewLegalEntity();
        var journal = Assert.IsType<JournalBuilt>(new PostingRules(PostingRulesOptions.CreateDefault()).Build(Facts.SaleShipped(entity))).Journal;
        var posting = cluster.GrainFactory.GetGrain<IErpPostingGrain>(entity);

        Assert.Equal(1, await posting.EnqueueAsync([new PostingRequest(journal, null), new PostingRequest(journal, null)]));
        Assert.Equal(0, await posting.EnqueueAsync([new PostingRequest(journal, null)]));
        Assert.Equal(1, (await posting.GetStatusAsync()).Queued);
    }
}
