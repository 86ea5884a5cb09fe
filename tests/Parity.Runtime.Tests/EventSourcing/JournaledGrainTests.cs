using Parity.Runtime.Storage;
using Parity.Runtime.Testing;
using Parity.Runtime.Tests.Activation;
using Parity.Runtime.Tests.Grains;
using Parity.Runtime.Tests.Testing;

namespace Parity.Runtime.Tests.EventSourcing;

public sealed class JournaledGrainTests
{
    [Fact]
    public async Task State_AfterReactivation_EqualsFoldOfJournal()
    {
        await using var cluster = await Clusters.StartAsync();
        var key = "fold-" + Guid.NewGuid();
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>(key);
        for (var i = 1; i <= 7; i++)
        {
            await ledger.DepositAsync(i, "d" + i);
        }

        Assert.True(await ledger.WithdrawAsync(5, "w1"));
        var before = await ledger.GetAsync();
        await ledger.DeactivateAsync();
        await Clusters.WaitUntilAsync(() => cluster.Silos[0].ActivationCount == 0);

        var after = await ledger.GetAsync();

        Assert.Equal(28 - 5, after.Balance);
        Assert.Equal(before.References, after.References);
        Assert.Equal(8, after.Version);
        Assert.Equal(8, cluster.Storage.AppendedEvents);
    }

    [Fact]
    public async Task State_AfterSnapshot_EqualsFoldOfAllEvents()
    {
        await using var cluster = await Clusters.StartAsync();
        var key = "snap-" + Guid.NewGuid();
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>(key);
        for (var i = 1; i <= 25; i++)
        {
            await ledger.DepositAsync(i, "d" + i);
        }

        await ledger.DeactivateAsync();
        await Clusters.WaitUntilAsync(() => cluster.Silos[0].ActivationCount == 0);
        var snapshot = await cluster.Journal.ReadSnapshotAsync(new GrainId("ledger", key));
        var after = await ledger.GetAsync();

        Assert.NotNull(snapshot);
        Assert.InRange(snapshot.Version, 10, 25);
        Assert.Equal(Enumerable.Range(1, 25).Sum(), after.Balance);
        Assert.Equal(Enumerable.Range(1, 25).Select(i => "d" + i), after.References);
        Assert.Equal(25, after.Version);
    }

    [Fact]
    public async Task Events_CarryLineageFromRequestContext()
    {
        await using var cluster = await Clusters.StartAsync();
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>("lineage-" + Guid.NewGuid());
        RequestContext.CorrelationId = "corr-7";
        RequestContext.CausationId = "cmd-7";
        RequestContext.SourceSystem = "shopify";
        RequestContext.SourceEventId = "evt-7";
        try
        {
            await ledger.DepositAsync(10, "d");
        }
        finally
        {
            RequestContext.Clear();
        }

        var history = await ledger.GetHistoryAsync();

        var entry = Assert.Single(history);
        Assert.Equal(new Deposited(10, "d"), entry.Event);
        Assert.Equal(("corr-7", "cmd-7", "shopify", "evt-7"), (entry.Metadata.CorrelationId, entry.Metadata.CausationId, entry.Metadata.SourceSystem, entry.Metadata.SourceEventId));
    }

    [Fact]
    public async Task GroupCommit_64ConcurrentCallersWith5msStorage_AllAnsweredWithFarFewerWrites()
    {
        await using var cluster = await Clusters.StartAsync();
        cluster.Storage.AppendLatency = TimeSpan.FromMilliseconds(5);
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>("hot-" + Guid.NewGuid());

        var versions = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => ledger.DepositAsync(1, "d" + i)));

        Assert.Equal(Enumerable.Range(1, 64).Select(i => (long)i), versions.Order());
        Assert.Equal(64, cluster.Storage.AppendedEvents);
        Assert.InRange(cluster.Storage.AppendCalls, 1, 16);
        var view = await ledger.GetAsync();
        Assert.Equal(64, view.Balance);
        Assert.Equal(64, view.ConfirmedVersion);
    }

    [Fact]
    public async Task GroupCommit_CallerIsAnsweredOnlyAfterItsEventsAreDurable()
    {
        await using var cluster = await Clusters.StartAsync();
        cluster.Storage.AppendLatency = TimeSpan.FromMilliseconds(20);
        var key = "durable-" + Guid.NewGuid();
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>(key);
        var journal = (MemoryJournalStorage)cluster.Journal;

        var calls = Enumerable.Range(0, 32).Select(async i =>
        {
            var version = await ledger.DepositAsync(1, "d" + i);
            // At the moment of the answer the event must already be in storage.
            return journal.GetEntries(new GrainId("ledger", key)).Count >= version;
        }).ToList();

        Assert.All(await Task.WhenAll(calls), Assert.True);
    }

    [Fact]
    public async Task InjectedAppendFailure_FailsExactlyUnconfirmedCallers_AndGrainRecovers()
    {
        await using var cluster = await Clusters.StartAsync();
        cluster.Storage.AppendLatency = TimeSpan.FromMilliseconds(5);
        var key = "fail-" + Guid.NewGuid();
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>(key);
        var failOnce = 1;
        cluster.Storage.FailWhen = (_, entries) => entries.Any(e => e.Payload.Contains("\"d20\"")) && Interlocked.Exchange(ref failOnce, 0) == 1;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            try
            {
                await ledger.DepositAsync(1, "d" + i);
                return (Reference: "d" + i, Ok: true);
            }
            catch (JournalWriteException)
            {
                return (Reference: "d" + i, Ok: false);
            }
        }));

        Assert.Contains(outcomes, o => !o.Ok);
        await AssertJournalHoldsExactlyAndGrainRecoversAsync(cluster, key, outcomes.Where(o => o.Ok).Select(o => o.Reference));
    }

    [Fact]
    public async Task FoldFailure_WhileEarlierEventsWaitForTheirAppend_EveryCallerIsAnswered_AndStateMatchesTheJournal()
    {
        await using var cluster = await Clusters.StartAsync();
        cluster.Storage.AppendLatency = TimeSpan.FromMilliseconds(20);
        var key = "poison-" + Guid.NewGuid();
        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>(key);

        // Deposits queue behind an append in flight; the poison one makes the fold throw, so the grain reloads.
        var references = Enumerable.Range(0, 30).Select(i => i == 12 ? "poison" : "d" + i).ToList();
        var outcomes = await Task.WhenAll(references.Select(async reference =>
        {
            try
            {
                await ledger.DepositAsync(1, reference);
                return (Reference: reference, Outcome: "ok");
            }
            catch (Exception e)
            {
                return (Reference: reference, Outcome: e.GetType().Name);
            }
        }));

        // A caller is told the truth: durable, not written (retryable), or its own fold error — never left to time out.
        Assert.All(outcomes, o => Assert.Contains(o.Outcome, new[] { "ok", nameof(JournalWriteException), nameof(InvalidOperationException) }));
        Assert.Equal(nameof(InvalidOperationException), outcomes.Single(o => o.Reference == "poison").Outcome);
        await AssertJournalHoldsExactlyAndGrainRecoversAsync(cluster, key, outcomes.Where(o => o.Outcome == "ok").Select(o => o.Reference));
    }

    [Fact]
    public async Task TwoActivationsWithSplitViews_OnlyOneAppendWins_NoAcknowledgedEventLost()
    {
        await using var cluster = await Clusters.StartAsync(2);
        var key = "split-" + Guid.NewGuid();
        var grainId = new GrainId("ledger", key);
        var (owner, other) = LifecycleTests.OwnerAndOther(cluster, grainId);
        var viaOwner = owner.GrainFactory.GetGrain<ILedgerGrain>(key);
        await viaOwner.DepositAsync(1, "first");

        // Split view: the other silo believes it is alone and activates its own copy at version 1.
        other.Placement.UpdateView(new Membership.MembershipView([other.Address], 1_000));
        var viaOther = other.GrainFactory.GetGrain<ILedgerGrain>(key);
        Assert.Equal(1, (await viaOther.GetAsync()).Version);

        var acknowledged = new List<string>();
        await viaOwner.DepositAsync(1, "owner-1");
        acknowledged.Add("owner-1");
        var loser = await Record.ExceptionAsync(() => viaOther.DepositAsync(1, "other-1"));

        Assert.IsType<JournalWriteException>(loser);
        Assert.IsType<InconsistentStateException>(loser.InnerException);
        var stored = ((MemoryJournalStorage)cluster.Journal).GetEntries(grainId);
        Assert.Equal([1L, 2L], stored.Select(e => e.Sequence));
        Assert.DoesNotContain(stored, e => e.Payload.Contains("other-1"));
        Assert.Contains(stored, e => e.Payload.Contains("owner-1"));

        // The loser stepped aside; once its view heals, calls through it reach the confirmed state.
        await Clusters.WaitUntilAsync(() => !other.Catalog.TryGetActivation(grainId, out _), because: "the losing activation deactivates");
        other.Placement.UpdateView(owner.Placement.View is var v ? new Membership.MembershipView(v.ActiveSilos, 2_000) : null!);
        Assert.Equal(2, (await viaOther.GetAsync()).Balance);
    }

    // The journal holds exactly the acknowledged deposits, in an unbroken sequence, and the grain serves on from it.
    private static async Task AssertJournalHoldsExactlyAndGrainRecoversAsync(TestCluster cluster, string key, IEnumerable<string> acknowledged)
    {
        var stored = ((MemoryJournalStorage)cluster.Journal).GetEntries(new GrainId("ledger", key));
        var storedReferences = stored.Select(e => System.Text.Json.JsonDocument.Parse(e.Payload).RootElement.GetProperty("reference").GetString()!).ToHashSet();
        Assert.Equal(acknowledged.ToHashSet(), storedReferences);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));

        var ledger = cluster.GrainFactory.GetGrain<ILedgerGrain>(key);
        await ledger.DepositAsync(100, "after");
        var view = await ledger.GetAsync();
        Assert.Equal(storedReferences.Count + 100, view.Balance);
        Assert.Equal(stored.Count + 1, view.ConfirmedVersion);
    }
}
