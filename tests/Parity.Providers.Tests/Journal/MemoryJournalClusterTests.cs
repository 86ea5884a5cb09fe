using Parity.Providers.Journal;
using Parity.Providers.Tests.Journal.Cluster;
using Parity.Providers.Tests.Journal.TestGrains;

namespace Parity.Providers.Tests.Journal;

/// <summary>The journal provider on the in-memory journal (<c>AddParityMemoryJournal</c>'s storage) in one silo.</summary>
public sealed class MemoryJournalClusterTests(MemoryJournalClusterTests.Fixture fixture) : IClassFixture<MemoryJournalClusterTests.Fixture>
{
    private JournalCluster Cluster => fixture.Cluster;

    [Fact]
    public Task GroupCommit_64ConcurrentCallers_AppendManyEventsAtOnce_AndAnswerEachCallerOnlyOnceDurable()
        => JournalScenarios.GroupCommitAsync(Cluster, "memory-group-commit");

    [Fact]
    public Task AppendFailure_ReachesTheClientAsJournalWriteException_WritesNothing_AndTheGrainReloadsFromItsJournal()
        => JournalScenarios.AppendFailureAsync(Cluster, "memory-append-failure");

    [Fact]
    public Task AppendFailure_AmongConcurrentCallers_FailsOnlyUnacknowledgedOnes_AndTheJournalHoldsExactlyTheAcknowledged()
        => JournalScenarios.AppendFailureAmongConcurrentCallersAsync(Cluster, "memory-concurrent-failure");

    [Fact]
    public async Task AppendFailure_RefusesFurtherRaisesOnThatActivation_AndConditionalRaisesResolveFalse()
    {
        var grain = Cluster.Stock("memory-probe");
        await grain.AddStockAsync(10);

        Cluster.Faults.FailNextAppends(1);
        var probe = await grain.ReserveThenProbeAsync("probe");

        Assert.True(probe.ConfirmFailed);
        Assert.False(probe.WasConflict);
        Assert.True(probe.RaiseRefused);
        Assert.False(probe.ConditionalRaiseSucceeded);
        Assert.False(probe.TentativeStateKeptTheFailedEvent);
        var (journal, entries) = await Cluster.ReadStockJournalAsync("memory-probe");
        Assert.Single(entries);
        Assert.Empty(journal.Reservations);
        Assert.Empty((await grain.GetAsync()).Reservations);
    }

    [Fact]
    public async Task ConditionalRaise_AppendFails_ResolvesFalse_ThenSucceedsOnTheNextActivation()
    {
        var grain = Cluster.Stock("memory-conditional");
        await grain.AddStockAsync(1);

        Cluster.Faults.FailNextAppends(1);
        Assert.False(await grain.ReserveConditionallyAsync("first"));
        Assert.True(await grain.ReserveConditionallyAsync("second"));
        Assert.False(await grain.ReserveConditionallyAsync("third")); // sold out

        Assert.Equal(["second"], (await Cluster.ReadStockJournalAsync("memory-conditional")).State.Reservations);
    }

    [Fact]
    public async Task ReadFailure_AtActivation_ReachesTheClientAsJournalReadException_AndTheNextCallLoads()
    {
        var grain = Cluster.Stock("memory-read-failure");
        await grain.AddStockAsync(3);
        await grain.DeactivateAsync();

        Cluster.Faults.FailNextReads(1);
        var failure = await Assert.ThrowsAsync<JournalReadException>(() => grain.GetAsync());

        Assert.Equal(Cluster.StockId("memory-read-failure"), failure.GrainId);
        Assert.Equal(3, (await grain.GetAsync()).OnHand);
    }

    [Fact]
    public async Task RetrieveConfirmedEvents_ReadsTheRangeBackFromTheJournal()
    {
        var grain = Cluster.Stock("memory-retrieve");
        await grain.AddStockAsync(5);
        foreach (var id in new[] { "r1", "r2", "r3" })
        {
            Assert.True(await grain.ReserveAsync(id));
        }

        Assert.Equal(["r2", "r3"], await grain.RetrieveReservationsAsync(2, 4));
        Assert.Equal(["r1", "r2", "r3"], await grain.RetrieveReservationsAsync(0, 4));
        Assert.Empty(await grain.RetrieveReservationsAsync(4, 4));
    }

    [Fact]
    public async Task Views_WhileAnAppendIsInFlight_TentativeIncludesItAndConfirmedDoesNot()
    {
        var grain = Cluster.Stock("memory-views");
        await grain.AddStockAsync(5);

        Task<bool> reserving;
        StockView pending;
        using (Cluster.Faults.HoldAppends())
        {
            reserving = grain.ReserveAsync("held");
            await Deadline.WaitUntilAsync(() => Cluster.Faults.HeldAppends == 1, "the reservation's append is held");
            pending = await grain.GetAsync();
            Assert.False(reserving.IsCompleted); // not answered before durable
        }

        Assert.True(await reserving);
        Assert.Equal((0, 1, 1, 1), (pending.Reservations.Count, pending.TentativeReservations, pending.UnconfirmedEvents, pending.Version));
        var after = await grain.GetAsync();
        Assert.Equal(["held"], after.Reservations);
        Assert.Equal((1, 0, 2), (after.TentativeReservations, after.UnconfirmedEvents, after.Version));
    }

    [Fact]
    public async Task SnapshotFailure_IsOnlyLogged_CallersSucceed_AndTheNextActivationReplaysTheJournal()
    {
        const string key = "memory-snapshot-failure";
        var grain = Cluster.Stock(key);
        Cluster.Faults.FailNextSnapshots(1);

        await grain.AddStockAsync(10);
        for (var i = 1; i <= 4; i++)
        {
            Assert.True(await grain.ReserveAsync($"f{i}")); // the fifth event makes a snapshot due
        }

        await Deadline.WaitUntilAsync(() => Cluster.Log.Lines.Any(l => l.Contains("Snapshot of", StringComparison.Ordinal) && l.Contains(key, StringComparison.Ordinal)), "the failed snapshot is logged");
        Assert.Null(await Cluster.Journal.ReadSnapshotAsync(Cluster.StockId(key)));

        await grain.DeactivateAsync();
        var stats = await grain.GetJournalStatsAsync();
        Assert.Equal(0, stats["ActivationSnapshotVersion"]);
        Assert.Equal(5, stats["ActivationReplayedEvents"]);
        Assert.Equal(["f1", "f2", "f3", "f4"], (await grain.GetAsync()).Reservations);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        private JournalCluster? _cluster;

        public JournalCluster Cluster => _cluster ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync() => _cluster = await JournalCluster.StartAsync(ParityJournalStorage.Memory, snapshotInterval: 5);

        public async Task DisposeAsync()
        {
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }
}
