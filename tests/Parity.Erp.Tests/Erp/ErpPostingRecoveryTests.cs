using Microsoft.Extensions.DependencyInjection;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Erp;

public sealed class ErpPostingRecoveryTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task QueuedJournals_ArePostedByTheReminder_AfterTheSiloWentAwayAndAnotherStarted_WithNobodyCalling(bool crash)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await sandbox.StartOutageAsync(TimeSpan.FromMinutes(5));
        var rules = new PostingRuleBook(PostingRulesOptions.CreateDefault());
        await using var cluster = await ErpCluster.StartWithSandboxAsync(rules, sandbox, ErpCluster.QuickRetries());
        var entity = ErpCluster.NewLegalEntity();
        var posting = cluster.GrainFactory.GetGrain<IErpPostingGrain>(entity);
        var receipts = await FactStream.SubmitAsync(cluster.GrainFactory, entity, 0, 20);
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Queued == 20, because: "the journals reach the posting queue");

        // The only silo crashes (or stops gracefully: every grain deactivates); a new one starts on the same storage.
        // No grain is called from here on.
        if (crash)
        {
            await cluster.KillSiloAsync(cluster.Silos[0]);
        }
        else
        {
            await cluster.StopSiloAsync(cluster.Silos[0]);
        }

        await cluster.StartAdditionalSiloAsync();
        await sandbox.EndOutageAsync();

        await ErpCluster.WaitUntilAsync(async () => (await sandbox.CountsAsync()).Posted == 20, TimeSpan.FromSeconds(20),
            "the reminder activates the posting grain on the new silo and it drains its queue");
        var counts = await sandbox.CountsAsync();
        Assert.Equal(0, counts.Duplicates);
        Assert.Equal(receipts.Select(r => r.JournalKey).ToHashSet(), (await sandbox.DocumentsAsync()).Select(d => d.Journal.ExternalId!).ToHashSet());
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 20, because: "the grain records every posting");
    }

    [Fact]
    public async Task AnswerLostAfterTheErpBookedIt_TheResendIsADuplicate_RecordedAsPosted_NeverBookedTwice()
    {
        // The ERP books the journal but its answer never arrives (a timeout): our side must resend, and the ERP dedupes.
        await using var sandbox = await SandboxServer.StartAsync();
        var connector = new LosingFirstAnswerConnector(new HttpErpConnector(new HttpClient { BaseAddress = sandbox.Address }));
        var rules = new PostingRuleBook(PostingRulesOptions.CreateDefault());
        var erp = ErpCluster.QuickRetries();
        await using var cluster = await ErpCluster.StartAsync(rules, s =>
        {
            s.AddSingleton(Microsoft.Extensions.Options.Options.Create(erp));
            s.AddSingleton<IErpConnector>(connector);
        });
        var entity = ErpCluster.NewLegalEntity();
        var posting = cluster.GrainFactory.GetGrain<IErpPostingGrain>(entity);

        var receipt = (await FactStream.SubmitAsync(cluster.GrainFactory, entity, 0, 1)).Single();

        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 1, because: "the resend is recorded as posted");
        var counts = await sandbox.CountsAsync();
        Assert.Equal((1L, 1L), (counts.Posted, counts.Duplicates));
        Assert.Equal(Assert.Single(await sandbox.DocumentsAsync()).DocumentId, await posting.GetDocumentIdAsync(receipt.JournalKey));
    }

    private sealed class LosingFirstAnswerConnector(IErpConnector inner) : IErpConnector
    {
        private int _calls;

        public async Task<ErpOutcome> PostAsync(ErpJournal journal, CancellationToken cancellationToken)
        {
            var outcome = await inner.PostAsync(journal, cancellationToken);
            return Interlocked.Increment(ref _calls) == 1 ? new ErpTransient(null, "The answer was lost.") : outcome;
        }
    }
}
