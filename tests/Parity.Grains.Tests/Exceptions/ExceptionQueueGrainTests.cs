using Parity.GrainInterfaces.Exceptions;
using Parity.Grains.Tests.Testing;

namespace Parity.Grains.Tests.Exceptions;

[Collection(ClusterCollection.Name)]
public sealed class ExceptionQueueGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Raise_SameTraceKeyCollapses_AndARetriedReportChangesNothing()
    {
        var queue = fixture.Cluster.GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey);
        var trace = $"NegativeStock/{Guid.NewGuid():N}";

        Assert.True(await queue.RaiseAsync(new(ExceptionCategory.NegativeStock, trace, "first", "c1", ["e1"])));
        Assert.False(await queue.RaiseAsync(new(ExceptionCategory.NegativeStock, trace, "first", "c1", ["e1"])));
        Assert.True(await queue.RaiseAsync(new(ExceptionCategory.NegativeStock, trace, "second", "c2", ["e2"])));

        var record = Assert.Single(await queue.GetAsync(ExceptionCategory.NegativeStock), r => r.TraceKey == trace);
        Assert.Equal((2, "second"), (record.Occurrences, record.Message));
        Assert.Equal(["e1", "e2"], record.SourceEventIds);
        Assert.Equal(["c1", "c2"], record.CorrelationIds);
        Assert.DoesNotContain(await queue.GetAsync(ExceptionCategory.ErpRejected), r => r.TraceKey == trace);
    }
}
