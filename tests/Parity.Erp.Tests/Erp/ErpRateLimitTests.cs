using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.Grains.Posting;

namespace Parity.Erp.Tests.Erp;

// A throttled ERP slows the whole silo down (its gate): the cluster is this test's own.
public sealed class ErpRateLimitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RateLimit_429WithRetryAfter_IsHonoured_AndEveryJournalPostedOnce()
    {
        // The sandbox takes 5 journals a second; our side is told it may send 10,000: the ERP's 429s must slow it down.
        await using var sandbox = await SandboxServer.StartAsync(o => { o.RatePerSecond = 5; o.Burst = 2; });
        await using var cluster = await ErpTestCluster.StartAsync(ErpCluster.QuickRetriesTo(sandbox));
        var entity = ErpCluster.NewLegalEntity();
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);

        await FactStream.SubmitAsync(cluster.Grains, entity, 0, 15);
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 15, TimeSpan.FromSeconds(30), "all journals are posted");

        var counts = await sandbox.CountsAsync();
        output.WriteLine($"sandbox counts: {counts}");
        Assert.True(counts.Throttled > 0, "the rate limit was hit");
        Assert.Equal(0, counts.EarlyRetries);
        Assert.Equal((15L, 0L), (counts.Posted, counts.Duplicates));

        // A throttled ERP is up: no circuit, no outage reported.
        Assert.False((await posting.GetStatusAsync()).CircuitOpen);
    }

    [Fact]
    public async Task EarlyRetries_AreCountedBySandbox_SoTheTestAboveCanFail()
    {
        // One token per 100 s: the second call is throttled whatever the machine's speed, and the third comes too early.
        await using var sandbox = await SandboxServer.StartAsync(o => { o.RatePerSecond = 0.01; o.Burst = 1; });
        using var http = new HttpClient { BaseAddress = sandbox.Address };
        var connector = new HttpErpConnector(http);
        var journal = Assert.IsType<JournalBuilt>(new PostingRules(PostingRulesOptions.CreateDefault()).Build(Facts.SaleShipped("LE-1"))).Journal;

        Assert.IsType<ErpPosted>(await connector.PostAsync(journal, default));
        Assert.IsType<ErpTransient>(await connector.PostAsync(journal with { JournalKey = "je-2" }, default));
        Assert.IsType<ErpTransient>(await connector.PostAsync(journal with { JournalKey = "je-3" }, default));
        Assert.Equal(0, (await sandbox.CountsAsync()).EarlyRetries);
        Assert.IsType<ErpTransient>(await connector.PostAsync(journal with { JournalKey = "je-2" }, default));

        Assert.Equal(1, (await sandbox.CountsAsync()).EarlyRetries);
    }
}
