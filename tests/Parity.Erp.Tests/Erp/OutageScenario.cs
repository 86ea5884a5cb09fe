using System.Diagnostics;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;

namespace Parity.Erp.Tests.Erp;

/// <summary>
/// A stream of shipped sales into the real sandbox ERP with an outage in the middle: a third before, a third trickled
/// in during the first half of the outage, a third once the ERP is back. Proves every journal is posted after recovery and none twice, from the
/// sandbox's own counts.
/// </summary>
internal static class OutageScenario
{
    public static async Task RunAsync(TimeSpan outage, int perPhase, ITestOutputHelper output)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        // The outage opens the silo's circuit for every legal entity: each scenario has a cluster of its own.
        await using var cluster = await ErpTestCluster.StartAsync(ErpCluster.QuickRetriesTo(sandbox));
        var entity = ErpCluster.NewLegalEntity();
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);
        var receipts = new List<PostingReceipt>();

        receipts.AddRange(await FactStream.SubmitAsync(cluster.Grains, entity, 0, perPhase));
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted > 0, because: "posting runs before the outage");

        await sandbox.StartOutageAsync(outage);
        var clock = Stopwatch.StartNew();
        var trickle = outage / 2 / (perPhase / 10 + 1);
        for (var sent = 0; sent < perPhase; sent += 10)
        {
            receipts.AddRange(await FactStream.SubmitAsync(cluster.Grains, entity, perPhase + sent, 10));
            await Task.Delay(trickle);
        }

        // Queued durably, the circuit open, the outage visible to operators; and submitting never waited for the ERP.
        var during = await posting.GetStatusAsync();
        output.WriteLine($"during the outage after {clock.Elapsed.TotalSeconds:F1} s: {during}");
        Assert.True(clock.Elapsed < outage + TimeSpan.FromSeconds(5), "submitting facts must not wait for the ERP");
        Assert.True(during.Queued > 0);

        // The circuit opens after CircuitFailureThreshold failures in a row; on a busy machine the backoff may not have
        // reached that count yet at this moment, so wait for it — but it must open while the outage lasts.
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).CircuitOpen, outage, "the circuit opens during the outage");
        Assert.True(clock.Elapsed < outage, "the circuit opened while the ERP was down");
        // The outage is reported once the posting grain has journaled it, a moment after the circuit opened.
        await ErpCluster.WaitUntilAsync(async () => (await cluster.ExceptionQueue.GetAsync(ExceptionCategory.ErpUnavailable))
            .Any(e => e.Message.Contains(entity, StringComparison.Ordinal)), outage, "the outage is raised while it lasts");

        // The ERP is back once a journal of the second third is posted; the last third streams in behind the backlog.
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted > perPhase, outage + TimeSpan.FromSeconds(30), "the ERP returns");
        output.WriteLine($"posting resumed {clock.Elapsed.TotalSeconds:F1} s after the outage began");
        Assert.True(clock.Elapsed >= outage - TimeSpan.FromSeconds(1), "nothing is posted during the outage");
        receipts.AddRange(await FactStream.SubmitAsync(cluster.Grains, entity, 2 * perPhase, perPhase));
        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()).Posted == 3 * perPhase,
            outage + TimeSpan.FromSeconds(30), "every journal is posted after the ERP returns");
        output.WriteLine($"all {3 * perPhase} posted {clock.Elapsed.TotalSeconds:F1} s after the outage began (outage {outage.TotalSeconds} s)");

        var counts = await sandbox.CountsAsync();
        output.WriteLine($"sandbox counts: {counts}");
        Assert.Equal(3 * perPhase, counts.Posted);
        Assert.Equal(0, counts.Duplicates);
        Assert.True(counts.Unavailable > 0, "the outage was hit");
        Assert.Equal(0, counts.EarlyRetries);
        var documents = await sandbox.DocumentsAsync();
        Assert.Equal(receipts.Select(r => r.JournalKey).ToHashSet(), documents.Select(d => d.Journal.ExternalId!).ToHashSet());
        Assert.Equal(new ErpPostingStatus(0, 3 * perPhase, 0, false, null, 0), await posting.GetStatusAsync());
        await ErpCluster.WaitUntilAsync(async () => (await cluster.ExceptionQueue.GetAsync(ExceptionCategory.ErpUnavailable))
            .Where(e => e.Message.Contains(entity, StringComparison.Ordinal)).All(e => e.Status == ExceptionStatus.Resolved),
            because: "the outage resolves itself once the queue has drained");
    }
}

public sealed class ErpOutageTests(ITestOutputHelper output)
{
    [Fact]
    public Task Outage_ShortInTheMiddleOfAStream_EveryJournalPostedOnceAfterRecovery() =>
        OutageScenario.RunAsync(TimeSpan.FromSeconds(5), 50, output);
}

// Its own class so that xunit runs it in parallel with the other classes: it takes the full 30 seconds the issue asks for.
public sealed class ErpLongOutageTests(ITestOutputHelper output)
{
    [Fact]
    public Task Outage_30Seconds_InTheMiddleOfAStream_EveryJournalPostedOnceAfterRecovery() =>
        OutageScenario.RunAsync(TimeSpan.FromSeconds(30), 100, output);
}
