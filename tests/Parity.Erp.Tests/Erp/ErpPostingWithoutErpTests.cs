using Parity.Erp.Tests.Testing;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;

namespace Parity.Erp.Tests.Erp;

// A silo configured without an ERP (no Parity:Erp:BaseUrl) opens its circuit for every legal entity: a cluster of its own.
public sealed class ErpPostingWithoutErpTests
{
    [Fact]
    public async Task WithoutAnErp_JournalsQueueDurably_AndTheOutageIsRaised()
    {
        await using var cluster = await ErpTestCluster.StartAsync(ErpCluster.QuickRetries());
        var entity = ErpCluster.NewLegalEntity();
        var posting = cluster.Grains.GetGrain<IErpPostingGrain>(entity);

        await FactStream.SubmitAsync(cluster.Grains, entity, 0, 5);

        await ErpCluster.WaitUntilAsync(async () => (await posting.GetStatusAsync()) is { Queued: 5, CircuitOpen: true }, because: "the circuit opens");
        // The outage is reported once it is journaled by the posting grain, a moment after the circuit opened.
        await ErpCluster.WaitUntilAsync(async () => (await cluster.ExceptionQueue.GetAsync(ExceptionCategory.ErpUnavailable)).Count > 0, because: "the outage is raised");
        var outage = Assert.Single(await cluster.ExceptionQueue.GetAsync(ExceptionCategory.ErpUnavailable));
        Assert.Contains("No ERP is configured", outage.Message);
        Assert.Equal(0, (await posting.GetStatusAsync()).Posted);
    }
}
