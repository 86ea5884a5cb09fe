using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Reconciliation;
using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Erp;

// Each test has a legal entity, a sandbox and (where figures are read) a sales channel of its own; the posting rules
// are the silo's, so each test sets them and puts the defaults back.
[Collection(SandboxErpFixture.CollectionName)]
public sealed class ErpRejectionTests(SandboxErpFixture fixture)
{
    private static PostingRulesOptions RulesWithRevenueOn(string account)
    {
        var options = PostingRulesOptions.CreateDefault();
        options.Rules.Single(r => r.Kind == PostingRulesOptions.Any && r.Type == "revenue").Account = account;
        return options;
    }

    [Fact]
    public async Task UnknownAccount_IsRejected_RaisedAsErpRejected_ThenPostedOnceAfterTheMappingIsFixedAndRetried()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        var rules = cluster.Rules;
        var entity = ErpCluster.NewLegalEntity();
        fixture.Routes.Route(entity, sandbox);
        rules.Replace(RulesWithRevenueOn("4999"));
        try
        {
            var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);
            var fact = Facts.SaleShipped(entity);
            var other = Facts.SaleShipped(entity);

            var receipt = await cluster.Grains.GetGrain<IPostingIntakeGrain>(entity).SubmitAsync(fact);

            await ErpCluster.WaitUntilAsync(async () => (await RejectionsOfAsync(entity)).Count == 1, because: "the rejection is raised");
            var exception = Assert.Single(await RejectionsOfAsync(entity));
            Assert.Contains("UnknownAccount", exception.Message);
            Assert.Contains(receipt.JournalKey, exception.Message);
            Assert.Equal([fact.Lineage.CorrelationId], exception.CorrelationIds);
            Assert.Equal(new ErpPostingStatus(0, 0, 1, false, null, 0), await posting.GetStatusAsync());

            // A rejection blocks nothing behind it (the fixed rule is not in place yet, so this one is rejected too).
            await cluster.Grains.GetGrain<IPostingIntakeGrain>(entity).SubmitAsync(other);
            await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Rejected == 2, because: "the second is rejected too");

            rules.Replace(RulesWithRevenueOn("4000"));
            Assert.True(await posting.RetryRejectedAsync(receipt.JournalKey));
            await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 1, because: "the retried journal is posted");
            Assert.False(await posting.RetryRejectedAsync(receipt.JournalKey));

            var counts = await sandbox.CountsAsync();
            Assert.Equal((1L, 0L, 2L), (counts.Posted, counts.Duplicates, counts.Rejected));
            var document = Assert.Single(await sandbox.DocumentsAsync());
            Assert.Equal(receipt.JournalKey, document.Journal.ExternalId);
            Assert.Contains(document.Journal.Lines!, l => l.Account == "4000" && l.Credit == 100m);
            Assert.Equal(document.DocumentId, await posting.GetDocumentIdAsync(receipt.JournalKey));
            Assert.Equal(1, (await posting.GetStatusAsync()).Rejected);
        }
        finally
        {
            rules.Replace(PostingRulesOptions.CreateDefault());
        }
    }

    [Fact]
    public async Task ConsoleRetry_OfAnErpRejectedException_ThroughItsRegisteredSource_PostsOnce()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        var rules = cluster.Rules;
        var entity = ErpCluster.NewLegalEntity();
        fixture.Routes.Route(entity, sandbox);
        rules.Replace(RulesWithRevenueOn("4999"));
        try
        {
            var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);
            var fact = Facts.SaleShippedIn(ErpCluster.NewChannel(), entity);
            var receipt = await cluster.Grains.GetGrain<IPostingIntakeGrain>(entity).SubmitAsync(fact);
            await ErpCluster.WaitUntilAsync(async () => (await RejectionsOfAsync(entity)).Count == 1, because: "the rejection is raised");
            var exception = Assert.Single(await RejectionsOfAsync(entity));
            Assert.Equal(new ExceptionSourceRef(IPostingExceptionSourceGrain.SourceKind, entity), exception.Source);
            var source = ExceptionSources.Resolve(cluster.Grains, exception.Source!)!;

            rules.Replace(RulesWithRevenueOn("4000"));
            var first = await source.RetryAsync(exception.TraceKey, new Dictionary<string, string>());
            var replay = await source.RetryAsync(exception.TraceKey, new Dictionary<string, string>());

            Assert.True(first.Resolved, first.Message);
            await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 1, because: "the retried journal is posted");
            Assert.False(replay.Resolved, replay.Message);
            var counts = await sandbox.CountsAsync();
            Assert.Equal((1L, 1L), (counts.Posted, counts.Rejected));
            Assert.Equal(receipt.JournalKey, Assert.Single(await sandbox.DocumentsAsync()).Journal.ExternalId);

            // The posting side feeds the figures of the fact's channel and day; a console retry is not "automatic".
            var figures = await cluster.Grains.GetGrain<IReconciliationFiguresGrain>(
                ReconciliationFigureKeys.For(fact.Channel, DateOnly.FromDateTime(fact.OccurredAt.UtcDateTime))).GetAsync();
            Assert.Equal((1, 0, 1), (figures.Count(FigureKind.JournalPosted), figures.PostedAutomatically, figures.PostingLatenciesMilliseconds.Count));
        }
        finally
        {
            rules.Replace(PostingRulesOptions.CreateDefault());
        }
    }

    [Fact]
    public async Task ConsoleRetry_OfAnUnmappedTaxCode_ReleasesEveryHeldFactOfThatMapping()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        var rules = cluster.Rules;
        var entity = ErpCluster.NewLegalEntity();
        var channel = ErpCluster.NewChannel();
        fixture.Routes.Route(entity, sandbox);
        var broken = PostingRulesOptions.CreateDefault();
        broken.Rules.RemoveAll(r => r.Type == "tax" && r.Qualifier == "VAT20");
        rules.Replace(broken);
        try
        {
            var intake = cluster.Grains.GetGrain<IPostingIntakeGrain>(entity);
            await intake.SubmitAsync(Facts.SaleShippedIn(channel, entity));
            await intake.SubmitAsync(Facts.SaleShippedIn(channel, entity));
            var exception = Assert.Single(await cluster.ExceptionQueue.GetAsync(ExceptionCategory.UnmappedTaxCode), e => IsOf(e, entity));
            Assert.Equal(2, (await intake.GetHeldAsync()).Count);

            rules.Replace(PostingRulesOptions.CreateDefault());
            var outcome = await ExceptionSources.Resolve(cluster.Grains, exception.Source!)!.RetryAsync(exception.TraceKey, new Dictionary<string, string>());

            Assert.True(outcome.Resolved, outcome.Message);
            Assert.Empty(await intake.GetHeldAsync());
            await ErpCluster.WaitUntilAsync(async () => (await cluster.Grains.GetGrain<IErpPostingGrain>(entity).GetStatusAsync()).Posted == 2, because: "both are posted");
            Assert.Equal(2L, (await sandbox.CountsAsync()).Posted);
            var figures = await cluster.Grains.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For(channel, new DateOnly(2026, 12, 1))).GetAsync();
            Assert.Equal(2, figures.Count(FigureKind.JournalPosted));
        }
        finally
        {
            rules.Replace(PostingRulesOptions.CreateDefault());
        }
    }

    // The queue is the whole cluster's: a legal entity's posting exceptions name it as their source.
    private async Task<IReadOnlyList<ExceptionRecord>> RejectionsOfAsync(string entity) =>
        (await fixture.Cluster.ExceptionQueue.GetAsync(ExceptionCategory.ErpRejected)).Where(e => IsOf(e, entity)).ToList();

    private static bool IsOf(ExceptionRecord exception, string entity) =>
        exception.Source == new ExceptionSourceRef(IPostingExceptionSourceGrain.SourceKind, entity);
}
