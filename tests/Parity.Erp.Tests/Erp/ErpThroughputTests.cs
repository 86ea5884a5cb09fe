using System.Diagnostics;
using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;

namespace Parity.Erp.Tests.Erp;

/// <summary>
/// Posting throughput against the real sandbox with zero latency, on loopback (docs/benchmarks.md). Prints the figure;
/// asserts only exactly-once, so a slow shared machine does not fail it.
/// Run: dotnet test tests/Parity.Erp.Tests -c Release --filter ErpThroughputTests --logger "console;verbosity=detailed"
/// </summary>
[Collection(SandboxErpFixture.CollectionName)]
public sealed class ErpThroughputTests(SandboxErpFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 2000)]
    [InlineData(4, 500)]
    public async Task Throughput_ZeroLatencySandbox(int legalEntities, int journalsEach)
    {
        await using var sandbox = await SandboxServer.StartAsync();
        var cluster = fixture.Cluster;
        var entities = Enumerable.Range(0, legalEntities).Select(_ => ErpCluster.NewLegalEntity()).ToList();
        var warmUp = ErpCluster.NewLegalEntity();
        foreach (var entity in entities.Append(warmUp))
        {
            fixture.Routes.Route(entity, sandbox);
        }

        // Warm-up (JIT, connections) outside the measurement.
        await FactStream.SubmitAsync(cluster.Grains, warmUp, 0, 20);
        await ErpCluster.WaitUntilAsync(async () => (await sandbox.CountsAsync()).Posted == 20);

        var clock = Stopwatch.StartNew();
        var submit = Stopwatch.StartNew();
        await Task.WhenAll(entities.Select(e => FactStream.SubmitAsync(cluster.Grains, e, 0, journalsEach, parallel: 50)));
        submit.Stop();
        await ErpCluster.WaitUntilAsync(async () => (await sandbox.CountsAsync()).Posted == 20 + legalEntities * journalsEach, TimeSpan.FromMinutes(3));
        foreach (var entity in entities)
        {
            await ErpCluster.WaitUntilAsync(async () => (await cluster.Grains.GetGrain<IErpPostingGrain>(entity).GetStatusAsync()).Posted == journalsEach);
        }

        clock.Stop();
        var total = legalEntities * journalsEach;
        output.WriteLine($"ERP posting throughput: {legalEntities} legal entit{(legalEntities == 1 ? "y" : "ies")} x {journalsEach} journals = {total} in {clock.Elapsed.TotalSeconds:F2} s "
            + $"= {total / clock.Elapsed.TotalSeconds:F0} journals/s end to end (facts accepted in {submit.Elapsed.TotalSeconds:F2} s = {total / submit.Elapsed.TotalSeconds:F0} facts/s)");
        var counts = await sandbox.CountsAsync();
        Assert.Equal((20L + total, 0L), (counts.Posted, counts.Duplicates));
    }
}
