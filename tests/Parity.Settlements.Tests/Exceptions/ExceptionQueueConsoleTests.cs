using Parity.GrainInterfaces.Exceptions;
using Parity.Providers.Journal;
using Parity.Settlements.Tests.Testing;

namespace Parity.Settlements.Tests.Exceptions;

// The global queue is shared with the other tests of the collection: trace keys are unique per test.
[Collection(SettlementCluster.CollectionName)]
public sealed class ExceptionQueueConsoleTests(SettlementCluster cluster)
{
    private IExceptionQueueGrain Queue => cluster.ExceptionQueue;

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
        var trace = $"t:{category}:{Guid.NewGuid():N}";
        await Queue.RaiseAsync(new ExceptionReport(category, trace, "m", null, ["e-" + trace]));

        var open = await Queue.QueryAsync(null, owner, ExceptionStatus.Open);
        var record = Assert.Single(open, r => r.TraceKey == trace);
        Assert.Equal((category, owner), (record.Category, record.Owner));
        Assert.All(open, r => Assert.Equal((owner, ExceptionStatus.Open), (r.Owner, r.Status)));
    }

    [Fact]
    public async Task JournalWrittenBeforeStatusesExisted_StillLoads_AsOpenExceptions()
    {
        // The queue's first event shape: ExceptionRaised with no type discriminator. A queue grain of a key nobody used
        // yet has an empty journal to write it to before the grain first activates; the global queue is the same class.
        const string legacy = "{\"report\":{\"category\":\"NegativeStock\",\"traceKey\":\"neg:old\",\"message\":\"sold beyond OnHand\","
            + "\"correlationId\":\"c0\",\"sourceEventIds\":[\"pos-0\"]},\"raisedAt\":\"2026-11-30T10:00:00+00:00\"}";
        var key = "legacy-" + Guid.NewGuid().ToString("N");
        await cluster.Journal.AppendAsync(GrainId.Create("exception-queue", key), 0,
            [new JournalEntry(1, "ExceptionRaised", legacy, new EventMetadata("c0", null, "pos", "pos-0", DateTimeOffset.UtcNow))]);
        var queue = cluster.Grains.GetGrain<IExceptionQueueGrain>(key);

        var record = Assert.Single(await queue.GetAsync());
        Assert.Equal(("neg:old", ExceptionOwner.StoreOps, ExceptionStatus.Open), (record.TraceKey, record.Owner, record.Status));
        Assert.Equal(ExceptionStatus.Resolved, (await queue.ResolveAsync("neg:old", "counted again")).Status);
    }

    [Fact]
    public async Task Statuses_OpenRetryingResolved_AndANewReportReopens()
    {
        var trace = $"erp:down:{Guid.NewGuid():N}";
        await Queue.RaiseAsync(new ExceptionReport(ExceptionCategory.ErpUnavailable, trace, "ERP answers 503", "c1", [trace + ":e1"]));

        Assert.Equal(ExceptionStatus.Retrying, (await Queue.BeginRetryAsync(trace)).Status);
        var cancelled = await Queue.CancelRetryAsync(trace);
        Assert.Equal((ExceptionStatus.Open, 0), (cancelled.Status, cancelled.Attempts));
        await Queue.BeginRetryAsync(trace);
        var failed = await Queue.CompleteRetryAsync(trace, new ExceptionRetryOutcome(false, "still 503"));
        Assert.Equal((ExceptionStatus.Open, 1, "still 503"), (failed.Status, failed.Attempts, failed.LastAttempt));

        var resolved = await Queue.ResolveAsync(trace, "ERP back after maintenance");
        Assert.Equal((ExceptionStatus.Resolved, "ERP back after maintenance"), (resolved.Status, resolved.Resolution));
        Assert.NotNull(resolved.ResolvedAt);
        // The same record again (compared member by member: each answer is a fresh copy from the grain).
        Assert.Equivalent(resolved, await Queue.ResolveAsync(trace, "again"), strict: true);

        // The same source event again is a retry of the old report: it stays resolved. A new event reopens it.
        Assert.False(await Queue.RaiseAsync(new ExceptionReport(ExceptionCategory.ErpUnavailable, trace, "ERP answers 503", "c1", [trace + ":e1"])));
        Assert.Equal(ExceptionStatus.Resolved, (await Queue.GetOneAsync(trace))!.Status);
        Assert.True(await Queue.RaiseAsync(new ExceptionReport(ExceptionCategory.ErpUnavailable, trace, "ERP answers 503 again", "c2", [trace + ":e2"])));
        var reopened = (await Queue.GetOneAsync(trace))!;
        Assert.Equal((ExceptionStatus.Open, (DateTimeOffset?)null, 2), (reopened.Status, reopened.ResolvedAt, reopened.Occurrences));
        await Assert.ThrowsAsync<ExceptionNotFoundException>(() => Queue.ResolveAsync("nope:" + trace, "x"));
    }
}
