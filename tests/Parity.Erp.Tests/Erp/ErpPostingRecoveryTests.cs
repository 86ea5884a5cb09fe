using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;

namespace Parity.Erp.Tests.Erp;

// Each test routes a legal entity of its own to a sandbox of its own; the silo is restarted on the collection's
// durable storage.
[Collection(DurableErpFixture.CollectionName)]
public sealed class ErpPostingRecoveryTests(DurableErpFixture fixture)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task QueuedJournals_ArePostedByTheReminder_AfterTheSiloWentAwayAndAnotherStarted_WithNobodyCalling(bool crash)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await sandbox.StartOutageAsync(TimeSpan.FromMinutes(5));
        var cluster = fixture.Cluster;
        var entity = ErpCluster.NewLegalEntity();
        fixture.Routes.Route(entity, sandbox);
        var receipts = await FactStream.SubmitAsync(cluster.Grains, entity, 0, 20);
        await ErpCluster.WaitUntilAsync(async () => (await cluster.Grains.GetGrain<IErpPostingGrain>(entity).GetStatusAsync()).Queued == 20,
            because: "the journals reach the posting queue");

        // The only silo crashes (or stops gracefully: every grain deactivates); a new one starts on the same storage.
        // No grain is called from here on.
        await cluster.RestartSiloAsync(crash);
        await sandbox.EndOutageAsync();

        await ErpCluster.WaitUntilAsync(async () => (await sandbox.CountsAsync()).Posted == 20, TimeSpan.FromSeconds(20),
            "the reminder activates the posting grain on the new silo and it drains its queue");
        var counts = await sandbox.CountsAsync();
        Assert.Equal(0, counts.Duplicates);
        Assert.Equal(receipts.Select(r => r.JournalKey).ToHashSet(), (await sandbox.DocumentsAsync()).Select(d => d.Journal.ExternalId!).ToHashSet());
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 20, because: "the grain records every posting");
    }

    [Fact]
    public async Task AnswerLostAfterTheErpBookedIt_TheResendIsADuplicate_RecordedAsPosted_NeverBookedTwice()
    {
        // The ERP books the journal but its answer never arrives (a timeout): our side must resend, and the ERP dedupes.
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        var entity = ErpCluster.NewLegalEntity();
        fixture.Routes.Route(entity, new LosingFirstAnswerConnector(sandbox.Connector));
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);

        var receipt = (await FactStream.SubmitAsync(cluster.Grains, entity, 0, 1)).Single();

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
