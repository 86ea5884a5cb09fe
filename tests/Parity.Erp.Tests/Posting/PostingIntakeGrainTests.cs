using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.Posting;
using static Parity.Erp.Tests.Testing.Facts;

namespace Parity.Erp.Tests.Posting;

// Each test posts for a legal entity of its own to the collection's recording ERP.
[Collection(RecordingErpFixture.CollectionName)]
public sealed class PostingIntakeGrainTests(RecordingErpFixture fixture)
{
    private readonly RecordingErpConnector _erp = fixture.Erp;

    private ErpTestCluster Cluster => fixture.Cluster;

    private Task<ErpPostingStatus> StatusOf(string legalEntity) => Cluster.Grains.GetGrain<IErpPostingGrain>(legalEntity).GetStatusAsync();

    [Fact]
    public async Task Submit_SameFactTwice_ReturnsTheFirstReceipt_AndPostsOneJournal()
    {
        var entity = ErpCluster.NewLegalEntity();
        var intake = Cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
        var fact = SaleShipped(entity);

        var first = await intake.SubmitAsync(fact);
        var again = await intake.SubmitAsync(fact);

        Assert.False(first.Duplicate);
        Assert.True(again.Duplicate);
        Assert.Equal(first.JournalKey, again.JournalKey);
        Assert.Equal(PostingRules.JournalKeyOf(fact), first.JournalKey);
        await ErpCluster.WaitUntilAsync(async () => (await StatusOf(entity)).Posted == 1, because: "the journal is posted");

        // A retry after the journal was posted still builds nothing new.
        Assert.True((await intake.SubmitAsync(fact)).Duplicate);
        await Task.Delay(200);
        Assert.Equal(1, _erp.Received.Count(j => j.LegalEntity == entity));
        Assert.Equal(new ErpPostingStatus(0, 1, 0, false, null, 0), await StatusOf(entity));
        Assert.NotNull(await Cluster.Grains.GetGrain<IErpPostingGrain>(entity).GetDocumentIdAsync(first.JournalKey));
    }

    [Fact]
    public async Task Submit_TwoFactsOfOneSourceEvent_ShipmentFromTwoLocations_BothPost()
    {
        // One Shipped event that took units from two locations is two sales facts with the same lineage.
        var entity = ErpCluster.NewLegalEntity();
        var intake = Cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
        var fromDc = SaleShipped(entity, $"shipment:web:{entity}:ship:DC-1");
        var fromStore = SaleShipped(entity, $"shipment:web:{entity}:ship:STORE-1") with { Location = "STORE-1", Lineage = fromDc.Lineage };

        var receipts = await Task.WhenAll(intake.SubmitAsync(fromDc), intake.SubmitAsync(fromStore));

        Assert.NotEqual(receipts[0].JournalKey, receipts[1].JournalKey);
        await ErpCluster.WaitUntilAsync(async () => (await StatusOf(entity)).Posted == 2, because: "both sales are posted");
        Assert.Equal(2, _erp.Received.Count(j => j.LegalEntity == entity));
    }

    [Fact]
    public async Task Submit_ManyFacts_EachBecomesOneJournal_InTheERP()
    {
        var entity = ErpCluster.NewLegalEntity();
        var intake = Cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
        var facts = Enumerable.Range(0, 200).Select(i => SaleShipped(entity, $"ship-{entity}-{i}")).ToList();

        var receipts = await Task.WhenAll(facts.Concat(facts.Take(50)).Select(intake.SubmitAsync));

        Assert.Equal(200, receipts.Select(r => r.JournalKey).Distinct().Count());
        await ErpCluster.WaitUntilAsync(async () => (await StatusOf(entity)).Posted == 200, because: "all 200 journals are posted");
        Assert.Equal(200, _erp.Documents.Keys.Count(k => receipts.Any(r => r.JournalKey == k)));
    }

    [Fact]
    public async Task Submit_WhileTheLastHandOverIsBeingConfirmed_IsHandedOnWithoutWaitingForTheReminder()
    {
        var entity = ErpCluster.NewLegalEntity();
        var intake = Cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
        using var handOverWriting = new ManualResetEventSlim();
        using var letHandOverFinish = new ManualResetEventSlim();
        var held = 0;

        // With a latency the append continues on a pool thread, so holding it below does not hold the grain's turns.
        Cluster.Journal.AppendLatency = TimeSpan.FromMilliseconds(1);

        // Holds the append of the first hand-over record: the outbox is empty then, and the hand-off loop is in its
        // last confirmation, exactly when the second fact arrives.
        Cluster.Journal.FailWhen = (grain, entries) =>
        {
            if (grain.Type.ToString() == "posting-intake" && grain.Key.ToString() == entity && entries.Any(e => e.EventType == "JournalsHandedOn")
                && Interlocked.Exchange(ref held, 1) == 0)
            {
                handOverWriting.Set();
                letHandOverFinish.Wait(TimeSpan.FromSeconds(30));
            }

            return false;
        };

        try
        {
            await intake.SubmitAsync(SaleShipped(entity, $"first-{entity}"));
            Assert.True(handOverWriting.Wait(TimeSpan.FromSeconds(10)), "the first journal was handed on");
            var second = intake.SubmitAsync(SaleShipped(entity, $"second-{entity}"));
            await Task.Delay(200); // lets the second fact's turn run while the hand-over record is still being written
            letHandOverFinish.Set();
            await second;

            // The default reminder comes a minute later; the journal must not wait for it.
            await ErpCluster.WaitUntilAsync(async () => (await StatusOf(entity)).Posted == 2, TimeSpan.FromSeconds(10), "both journals are posted");
        }
        finally
        {
            letHandOverFinish.Set();

            // The journal is the collection's: no latency or failure may outlive this test.
            Cluster.Journal.Reset();
        }
    }

    [Fact]
    public async Task Submit_Unbalanced_IsHeldAndRaisedAsUnbalancedJournal_AndNothingIsPosted()
    {
        var entity = ErpCluster.NewLegalEntity();
        var intake = Cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
        var fact = Of(BusinessFactKind.SaleShipped, entity, A("revenue", 100m), A("tax", 20m, "VAT20"), A("tender", 110m, "card"));

        var receipt = await intake.SubmitAsync(fact);

        var held = Assert.Single(await intake.GetHeldAsync());
        Assert.Equal((fact.FactId, ExceptionCategory.UnbalancedJournal), (held.Fact.FactId, held.Category));
        var exceptions = await Cluster.ExceptionQueue.GetAsync(ExceptionCategory.UnbalancedJournal);
        var exception = Assert.Single(exceptions, e => e.TraceKey.Contains(entity, StringComparison.Ordinal));
        Assert.Equal(fact.Lineage.SourceEventIds, exception.SourceEventIds);
        Assert.Equal([fact.Lineage.CorrelationId], exception.CorrelationIds);
        Assert.True((await intake.SubmitAsync(fact)).Duplicate);
        Assert.Equal(receipt.JournalKey, (await intake.SubmitAsync(fact)).JournalKey);
        Assert.Equal(0, (await StatusOf(entity)).Queued + (await StatusOf(entity)).Posted);
    }

    [Fact]
    public async Task Submit_ZeroAmountFact_HasNothingToPost_NoExceptionAndNoJournal()
    {
        var entity = ErpCluster.NewLegalEntity();
        var intake = Cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
        var evenExchange = Of(BusinessFactKind.PosTicket, entity, A("revenue", 0m), A("tender", 0m, "cash"));
        var sale = SaleShipped(entity);

        var receipt = await intake.SubmitAsync(evenExchange);
        await intake.SubmitAsync(sale);

        Assert.True(receipt.NothingToPost);
        Assert.False(receipt.Duplicate);
        var again = await intake.SubmitAsync(evenExchange);
        Assert.Equal((true, true, receipt.JournalKey), (again.Duplicate, again.NothingToPost, again.JournalKey));
        Assert.Empty(await intake.GetHeldAsync());
        var exceptions = await Cluster.ExceptionQueue.GetAsync(null);
        Assert.DoesNotContain(exceptions, e => e.TraceKey.Contains(entity, StringComparison.Ordinal));
        // The sale submitted after it is posted; the even exchange never reaches the ERP.
        await ErpCluster.WaitUntilAsync(async () => (await StatusOf(entity)).Posted == 1, because: "the sale is posted");
        Assert.Equal(1, _erp.Received.Count(j => j.LegalEntity == entity));
        Assert.DoesNotContain(_erp.Received, j => j.JournalKey == receipt.JournalKey);
    }

    [Fact]
    public async Task Submit_ForAnotherLegalEntity_IsRefused()
    {
        var intake = Cluster.Grains.GetGrain<IPostingIntakeGrain>(ErpCluster.NewLegalEntity());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => intake.SubmitAsync(SaleShipped("LE-OTHER")));
        Assert.Contains("LE-OTHER", error.Message);
    }
}

// The posting rules are the silo's: this test fixes a mapping and puts the rules back, one test at a time.
[Collection(RecordingErpFixture.CollectionName)]
public sealed class PostingIntakeMappingTests(RecordingErpFixture fixture)
{
    [Fact]
    public async Task UnmappedTaxCode_IsHeldAndRaised_ThenPostedOnce_AfterTheMappingIsFixed()
    {
        var cluster = fixture.Cluster;
        var rules = cluster.Rules;
        var entity = ErpCluster.NewLegalEntity();
        var intake = cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
        var fact = Of(BusinessFactKind.PosTicket, entity, A("revenue", 100m), A("tax", 7m, "VAT7"), A("tender", 107m, "cash"));

        try
        {
            await intake.SubmitAsync(fact);

            var exception = Assert.Single(await cluster.ExceptionQueue.GetAsync(ExceptionCategory.UnmappedTaxCode),
                e => e.Source == new ExceptionSourceRef(IPostingExceptionSourceGrain.SourceKind, entity));
            Assert.Contains("VAT7", exception.Message);
            Assert.False(await intake.RetryHeldAsync(fact.FactId));

            var fixedOptions = PostingRulesOptions.CreateDefault();
            fixedOptions.Accounts["2230"] = "liabilities:tax:vat7";
            fixedOptions.Rules.Add(new PostingRuleOptions { Type = "tax", Qualifier = "VAT7", Account = "2230", Side = JournalSide.Credit });
            rules.Replace(fixedOptions);

            Assert.True(await intake.RetryHeldAsync(fact.FactId));
            Assert.False(await intake.RetryHeldAsync(fact.FactId));
            Assert.Empty(await intake.GetHeldAsync());
            var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);
            await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 1, because: "the fixed journal is posted");
            var journal = Assert.Single(fixture.Erp.Received, j => j.LegalEntity == entity);
            Assert.Contains(journal.Lines, l => l.Account == "2230" && l.Amount == 7m);
            Assert.True((await intake.SubmitAsync(fact)).Duplicate);
        }
        finally
        {
            rules.Replace(PostingRulesOptions.CreateDefault());
        }
    }
}
