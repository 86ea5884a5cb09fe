using Parity.GrainInterfaces.Exceptions;
using Parity.Runtime.Testing;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Exceptions;

public sealed class ExceptionQueueConsoleTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await SettlementCluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IExceptionQueueGrain Queue => _cluster.GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);

    [Theory]
    [InlineData(ExceptionCategory.UnknownSku, ExceptionOwner.ECommerce)]
    [InlineData(ExceptionCategory.PriceMismatch, ExceptionOwner.ECommerce)]
    [InlineData(ExceptionCategory.InsufficientStock, ExceptionOwner.ECommerce)]
    [InlineData(ExceptionCategory.NegativeStock, ExceptionOwner.StoreOps)]
    [InlineData(ExceptionCategory.UnmappedTaxCode, ExceptionOwner.Finance)]
    [InlineData(ExceptionCategory.SettlementVariance, ExceptionOwner.Finance)]
    [InlineData(ExceptionCategory.UnmatchedSettlementLine, ExceptionOwner.Finance)]
    [InlineData(ExceptionCategory.MissingSettlement, ExceptionOwner.Finance)]
    [InlineData(ExceptionCategory.UnbalancedJournal, ExceptionOwner.Finance)]
    [InlineData(ExceptionCategory.ErpRejected, ExceptionOwner.Finance)]
    [InlineData(ExceptionCategory.OutOfSequence, ExceptionOwner.It)]
    [InlineData(ExceptionCategory.ErpUnavailable, ExceptionOwner.It)]
    [InlineData(ExceptionCategory.DuplicateSuspected, ExceptionOwner.It)]
    public async Task EachCategory_HasItsOwner(ExceptionCategory category, ExceptionOwner owner)
    {
        await Queue.RaiseAsync(new ExceptionReport(category, $"t:{category}", "m", null, ["e1"]));

        var record = Assert.Single(await Queue.QueryAsync(null, owner, ExceptionStatus.Open));
        Assert.Equal((category, owner), (record.Category, record.Owner));
    }

    [Fact]
    public async Task JournalWrittenBeforeStatusesExisted_StillLoads_AsOpenExceptions()
    {
        // The queue's first event shape: ExceptionRaised with no type discriminator.
        const string legacy = "{\"report\":{\"category\":\"NegativeStock\",\"traceKey\":\"neg:old\",\"message\":\"sold beyond OnHand\","
            + "\"correlationId\":\"c0\",\"sourceEventIds\":[\"pos-0\"]},\"raisedAt\":\"2026-11-30T10:00:00+00:00\"}";
        var cluster = await SettlementCluster.StartAsync();
        await using (cluster)
        {
            await cluster.Journal.AppendAsync(new Parity.Runtime.GrainId("exception-queue", IExceptionQueueGrain.GlobalKey), 0,
                [new Parity.Runtime.Storage.JournalEntry(1, "ExceptionRaised", legacy, new Parity.Runtime.Storage.EventMetadata("c0", null, "pos", "pos-0", DateTimeOffset.UtcNow))]);
            var queue = cluster.GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);

            var record = Assert.Single(await queue.GetAsync());
            Assert.Equal(("neg:old", ExceptionOwner.StoreOps, ExceptionStatus.Open), (record.TraceKey, record.Owner, record.Status));
            Assert.Equal(ExceptionStatus.Resolved, (await queue.ResolveAsync("neg:old", "counted again")).Status);
        }
    }

    [Fact]
    public async Task Statuses_OpenRetryingResolved_AndANewReportReopens()
    {
        await Queue.RaiseAsync(new ExceptionReport(ExceptionCategory.ErpUnavailable, "erp:down", "ERP answers 503", "c1", ["e1"]));

        Assert.Equal(ExceptionStatus.Retrying, (await Queue.BeginRetryAsync("erp:down")).Status);
        var cancelled = await Queue.CancelRetryAsync("erp:down");
        Assert.Equal((ExceptionStatus.Open, 0), (cancelled.Status, cancelled.Attempts));
        await Queue.BeginRetryAsync("erp:down");
        var failed = await Queue.CompleteRetryAsync("erp:down", new ExceptionRetryOutcome(false, "still 503"));
        Assert.Equal((ExceptionStatus.Open, 1, "still 503"), (failed.Status, failed.Attempts, failed.LastAttempt));

        var resolved = await Queue.ResolveAsync("erp:down", "ERP back after maintenance");
        Assert.Equal((ExceptionStatus.Resolved, "ERP back after maintenance"), (resolved.Status, resolved.Resolution));
        Assert.NotNull(resolved.ResolvedAt);
        Assert.Equal(resolved, await Queue.ResolveAsync("erp:down", "again"));

        // The same source event again is a retry of the old report: it stays resolved. A new event reopens it.
        Assert.False(await Queue.RaiseAsync(new ExceptionReport(ExceptionCategory.ErpUnavailable, "erp:down", "ERP answers 503", "c1", ["e1"])));
        Assert.Equal(ExceptionStatus.Resolved, (await Queue.GetOneAsync("erp:down"))!.Status);
        Assert.True(await Queue.RaiseAsync(new ExceptionReport(ExceptionCategory.ErpUnavailable, "erp:down", "ERP answers 503 again", "c2", ["e2"])));
        var reopened = (await Queue.GetOneAsync("erp:down"))!;
        Assert.Equal((ExceptionStatus.Open, (DateTimeOffset?)null, 2), (reopened.Status, reopened.ResolvedAt, reopened.Occurrences));
        await Assert.ThrowsAsync<ExceptionNotFoundException>(() => Queue.ResolveAsync("nope", "x"));
    }
}
