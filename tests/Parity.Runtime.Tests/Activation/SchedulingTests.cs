using Parity.Runtime.Tests.Grains;
using Parity.Runtime.Tests.Testing;

namespace Parity.Runtime.Tests.Activation;

public sealed class SchedulingTests
{
    [Fact]
    public async Task NonReentrantGrain_HundredConcurrentCallers_NeverInterleave()
    {
        await using var cluster = await Clusters.StartAsync();
        ProbeGrain.MaxConcurrency = 0;
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("serial");

        var observed = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => grain.EnterAsync(TimeSpan.FromMilliseconds(1))));

        Assert.All(observed, n => Assert.Equal(1, n));
        Assert.Equal(1, ProbeGrain.MaxConcurrency);
    }

    [Fact]
    public async Task ReentrantGrain_ConcurrentCallers_Interleave()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IReentrantProbeGrain>("reentrant");

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => grain.EnterAsync(TimeSpan.FromMilliseconds(50))));

        Assert.True(await grain.GetMaxConcurrencyAsync() > 1, "reentrant requests should overlap at await points");
    }

    [Fact]
    public async Task AlwaysInterleaveMethod_RunsWhileAnotherCallIsInProgress()
    {
        await using var cluster = await Clusters.StartAsync();
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("interleave");

        var slow = grain.EnterAsync(TimeSpan.FromSeconds(2));
        await Clusters.WaitUntilAsync(async () => await grain.PeekActiveAsync() == 1, because: "the peek must run while EnterAsync holds the grain");

        Assert.False(slow.IsCompleted);
        await slow;
    }

    [Fact]
    public async Task CallCycle_AtoBtoA_FailsFastWithDeadlockException()
    {
        await using var cluster = await Clusters.StartAsync(configure: o => o.ConfigureOptions = s => s.CallTimeout = TimeSpan.FromMinutes(10));
        var a = cluster.GrainFactory.GetGrain<ICycleGrain>("A");
        await a.PingAsync(null, 0);
        await cluster.GrainFactory.GetGrain<ICycleGrain>("B").PingAsync(null, 0);

        // With a 10-minute call timeout, only detection can end this call within the test's wait.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DeadlockException>(() => a.PingAsync("B", 2).WaitAsync(TimeSpan.FromSeconds(20)));
        watch.Stop();

        // Both grains are active already, so this is detection time alone; the bound leaves room for a busy machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"the cycle took {watch.Elapsed} to fail");
        Assert.Equal("A", error.Target.Key);
        Assert.Equal(["A", "B"], error.CallChain.Select(g => g.Key));
    }

    [Fact]
    public async Task CallChainWithoutCycle_Succeeds()
    {
        await using var cluster = await Clusters.StartAsync();

        var result = await cluster.GrainFactory.GetGrain<ICycleGrain>("A").PingAsync("B", 1);

        Assert.Equal("B", result);
    }

    [Fact]
    public async Task CallThatNeverAnswers_TimesOutWithClearException()
    {
        await using var cluster = await Clusters.StartAsync(configure: o => o.ConfigureOptions = s => s.CallTimeout = TimeSpan.FromMilliseconds(200));
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("stuck");

        var silo = cluster.Silos[0];
        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => silo.GrainFactory.GetGrain<IProbeGrain>("stuck").BlockAsync("never"));

        Assert.Contains("BlockAsync", error.Message);
        Assert.Equal("stuck", error.GrainId.Key);
        ProbeGrain.Release("never");
    }

    [Fact]
    public async Task GrainException_ReachesCallerWithTypeAndMessage()
    {
        await using var cluster = await Clusters.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.GrainFactory.GetGrain<IProbeGrain>("boom").FailAsync("stock is negative"));

        Assert.Equal("stock is negative", error.Message);
    }

    [Fact]
    public async Task MailboxOverBound_FailsWithRetryableOverloadException()
    {
        await using var cluster = await Clusters.StartAsync(configure: o => o.ConfigureOptions = s => s.MailboxBound = 5);
        var grain = cluster.GrainFactory.GetGrain<IProbeGrain>("busy");
        var gate = "overload-" + Guid.NewGuid();

        var blocked = grain.BlockAsync(gate);
        await Clusters.WaitUntilAsync(async () => await grain.PeekActiveAsync() == 0 && cluster.Silos[0].ActivationCount == 1);
        var queued = Enumerable.Range(0, 5).Select(_ => grain.BlockAsync(gate)).ToList();
        var error = await Assert.ThrowsAsync<GrainOverloadedException>(() => grain.BlockAsync(gate));

        Assert.IsAssignableFrom<RetryableException>(error);
        Assert.Equal(5, error.Bound);
        ProbeGrain.Release(gate);
        await blocked;
        await Task.WhenAll(queued);
    }

    [Fact]
    public async Task RequestContext_CorrelationIdFlowsToCallee()
    {
        await using var cluster = await Clusters.StartAsync();
        RequestContext.CorrelationId = "corr-42";
        try
        {
            Assert.Equal("corr-42", await cluster.GrainFactory.GetGrain<IProbeGrain>("ctx").GetCorrelationIdAsync());
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task CallerDeadline_BoundsTheCallTimeout()
    {
        await using var cluster = await Clusters.StartAsync();
        RequestContext.Deadline = DateTimeOffset.UtcNow.AddMilliseconds(150);
        try
        {
            await Assert.ThrowsAsync<GrainCallTimeoutException>(() => cluster.GrainFactory.GetGrain<IProbeGrain>("deadline").BlockAsync("deadline-gate"));
        }
        finally
        {
            RequestContext.Clear();
            ProbeGrain.Release("deadline-gate");
        }
    }

    [Fact]
    public async Task CallerDeadline_FlowsThroughNestedCalls()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        RequestContext.Deadline = deadline;
        try
        {
            // outer -> inner: the inner grain sees the deadline the client set, two hops away.
            Assert.Equal(deadline, await cluster.GrainFactory.GetGrain<IProbeGrain>("outer").GetDeadlineViaAsync("inner"));
        }
        finally
        {
            RequestContext.Clear();
        }

        Assert.Null(await cluster.GrainFactory.GetGrain<IProbeGrain>("outer").GetDeadlineViaAsync("inner"));
    }

    [Fact]
    public async Task StatelessWorker_ConcurrentCalls_UseSeveralLocalActivations()
    {
        await using var cluster = await Clusters.StartAsync();
        var worker = cluster.GrainFactory.GetGrain<IWorkerGrain>("w");

        var ids = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => worker.WorkAsync(TimeSpan.FromMilliseconds(50))));

        Assert.InRange(ids.Distinct().Count(), 2, 4);
    }
}
