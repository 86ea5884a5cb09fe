using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orleans.EventSourcing;
using Orleans.Runtime;
using Parity.Providers.Journal;
using Parity.Providers.Tests.Journal.TestGrains;

namespace Parity.Providers.Tests.Journal;

/// <summary>The adaptor alone, without a silo: what a cluster test cannot provoke (a gap, a throwing fold).</summary>
public sealed class ParityJournalAdaptorTests
{
    private static readonly GrainId Grain = GrainId.Create("test-stock", "unit");

    private readonly List<DeactivationReason> _deactivations = [];

    [Fact]
    public async Task Activation_JournalWithAGap_FailsWithJournalReadException()
    {
        var storage = new FixedJournal(Entry(1, new StockAdded(5)), Entry(3, new StockReserved("r")));
        var adaptor = Create(storage);

        var failure = await Assert.ThrowsAsync<JournalReadException>(adaptor.PreOnActivate);

        Assert.Contains("gap: expected event 2, found 3", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Grain, failure.GrainId);
    }

    [Fact]
    public async Task Activation_SnapshotThenTail_FoldsOnlyTheEventsAfterTheSnapshot()
    {
        var storage = new FixedJournal(Entry(3, new StockReserved("r3")), Entry(4, new StockReserved("r4")))
        {
            Snapshot = new JournalSnapshot(2, """{"onHand":7,"reservations":["r2"]}""", DateTimeOffset.UnixEpoch),
        };
        var adaptor = Create(storage);

        await adaptor.PreOnActivate();

        Assert.Equal(4, adaptor.ConfirmedVersion);
        Assert.Equal(7, adaptor.ConfirmedView.OnHand);
        Assert.Equal(["r2", "r3", "r4"], adaptor.ConfirmedView.Reservations);
        Assert.NotSame(adaptor.ConfirmedView, adaptor.TentativeView); // a JSON copy, folded on its own from now on
        Assert.Equal(adaptor.ConfirmedView.Reservations, adaptor.TentativeView.Reservations);
    }

    [Fact]
    public Task Submit_FoldThrows_RaisesNothing_AndTheTentativeViewIsAsBefore() => OnGrainSchedulerAsync(async () =>
    {
        var adaptor = Create(new MemoryJournalStorage());
        await adaptor.PreOnActivate();
        adaptor.Submit(new StockAdded(2));

        Assert.Throws<InvalidOperationException>(() => adaptor.Submit(new StockReserved(PoisonHost.Poison)));

        Assert.Equal([new StockAdded(2)], adaptor.UnconfirmedSuffix);
        Assert.Equal((2, 0), (adaptor.TentativeView.OnHand, adaptor.TentativeView.Reservations.Count));
        await adaptor.ConfirmSubmittedEntries();
        Assert.Equal(1, adaptor.ConfirmedVersion);
        Assert.Empty(adaptor.UnconfirmedSuffix);
        Assert.Empty(_deactivations);
    });

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 1)]
    public Task AppendsAtConfirm_EventsRaisedAcrossAnAwait_AreWrittenTogetherWhenConfirmed(bool appendAtConfirm, int appends) => OnGrainSchedulerAsync(async () =>
    {
        var storage = new FaultInjectingJournalStorage(new MemoryJournalStorage());
        var adaptor = Create(storage, appendAtConfirm: appendAtConfirm);
        await adaptor.PreOnActivate();

        // A call raises, then awaits another grain (here: yields to the scheduler), then raises again and confirms.
        adaptor.Submit(new StockAdded(2));
        for (var i = 0; i < 20; i++)
        {
            await Task.Yield();
        }

        Assert.Equal(appendAtConfirm ? 0 : 1, storage.Appends);
        adaptor.Submit(new StockReserved("r1"));
        await adaptor.ConfirmSubmittedEntries();

        Assert.Equal(appends, storage.Appends);
        Assert.Equal(2, storage.AppendedEvents);
        Assert.Equal(2, adaptor.ConfirmedVersion);
    });

    [Fact]
    public Task AppendsAtConfirm_WhatNobodyConfirmed_IsWrittenWhenTheActivationEnds() => OnGrainSchedulerAsync(async () =>
    {
        var storage = new FaultInjectingJournalStorage(new MemoryJournalStorage());
        var adaptor = Create(storage, appendAtConfirm: true);
        await adaptor.PreOnActivate();
        adaptor.Submit(new StockAdded(3));

        await adaptor.PostOnDeactivate();

        Assert.Equal(1, storage.Appends);
        Assert.Single(await storage.ReadAsync(Grain, 0));
    });

    [Fact]
    public Task Conflict_FailsWaiters_RefusesSubmissions_ResolvesConditionalsFalse_AndDeactivatesOnce() => OnGrainSchedulerAsync(async () =>
    {
        var storage = new MemoryJournalStorage();
        var adaptor = Create(storage);
        await adaptor.PreOnActivate();
        await storage.AppendAsync(Grain, 0, [Entry(1, new StockAdded(9))]); // another activation wins sequence 1

        adaptor.Submit(new StockAdded(1));
        var conditional = adaptor.TryAppend(new StockReserved("c"));
        var failure = await Assert.ThrowsAsync<JournalWriteException>(adaptor.ConfirmSubmittedEntries);

        Assert.True(failure.IsConflict);
        Assert.False(await conditional);
        Assert.Throws<JournalWriteException>(() => adaptor.Submit(new StockAdded(1)));
        Assert.False(await adaptor.TryAppend(new StockAdded(1)));
        await Assert.ThrowsAsync<JournalWriteException>(adaptor.ConfirmSubmittedEntries);
        Assert.Equal((0, 0), (adaptor.TentativeView.OnHand, adaptor.ConfirmedVersion));
        Assert.Equal(DeactivationReasonCode.ApplicationError, Assert.Single(_deactivations).ReasonCode);
        Assert.Single(await storage.ReadAsync(Grain, 0));
    });

    [Fact]
    public Task Snapshots_GrainWithASnapshotPolicy_AreWrittenAtTheIntervalItAsksFor() => OnGrainSchedulerAsync(async () =>
    {
        var storage = new MemoryJournalStorage();
        var adaptor = Create(storage, new SnapshotPolicyHost());
        await adaptor.PreOnActivate();

        // The policy asks for one snapshot per OnHand events; the provider's default (100) is never reached.
        adaptor.Submit(new StockAdded(2));
        await ConfirmAndSettleAsync(adaptor);
        Assert.Null(await storage.ReadSnapshotAsync(Grain)); // 1 event, 2 asked for

        adaptor.Submit(new StockReserved("r1"));
        await ConfirmAndSettleAsync(adaptor);
        Assert.Equal(2, (await storage.ReadSnapshotAsync(Grain))?.Version);

        adaptor.Submit(new StockAdded(3));
        await ConfirmAndSettleAsync(adaptor);
        Assert.Equal(2, (await storage.ReadSnapshotAsync(Grain))?.Version); // 1 event since, now 5 asked for

        adaptor.SubmitRange([new StockReserved("r2"), new StockReserved("r3"), new StockReserved("r4"), new StockReserved("r5")]);
        await ConfirmAndSettleAsync(adaptor);
        var snapshot = await storage.ReadSnapshotAsync(Grain);
        Assert.Equal(7, snapshot?.Version);
        Assert.Contains("\"r5\"", snapshot!.Payload, StringComparison.Ordinal);
    });

    // Confirms, then waits for the snapshot write the append may have started.
    private static async Task ConfirmAndSettleAsync(ParityJournalAdaptor<StockState, StockEvent> adaptor)
    {
        await adaptor.ConfirmSubmittedEntries();
        await adaptor.PostOnDeactivate();
    }

    // Like a grain's scheduler: one thing at a time, and the adaptor's write loop continues on it after Task.Yield.
    private static Task OnGrainSchedulerAsync(Func<Task> body)
        => Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.None, new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler).Unwrap();

    private ParityJournalAdaptor<StockState, StockEvent> Create(IJournalStorage storage, ILogViewAdaptorHost<StockState, StockEvent>? host = null, bool appendAtConfirm = false)
        => new(host ?? new PoisonHost(), new StockState(), Grain, _deactivations.Add, storage, new FakeTimeProvider(), ParityJournal.DefaultJsonOptions, 100, NullLogger.Instance, appendAtConfirm);

    private static JournalEntry Entry(long sequence, StockEvent e)
        => new(sequence, e.GetType().Name, System.Text.Json.JsonSerializer.Serialize(e, ParityJournal.DefaultJsonOptions), new EventMetadata(null, null, null, null, DateTimeOffset.UnixEpoch));

    /// <summary>Folds like the stock grain, but half-applies and throws on the poison reservation.</summary>
    private sealed class PoisonHost : ILogViewAdaptorHost<StockState, StockEvent>
    {
        public const string Poison = "poison";

        public void UpdateView(StockState view, StockEvent entry)
        {
            view.Apply(entry);
            if (entry is StockReserved { ReservationId: Poison })
            {
                throw new InvalidOperationException("Poisoned event.");
            }
        }

        public void OnViewChanged(bool tentative, bool confirmed)
        {
        }

        public void OnConnectionIssue(ConnectionIssue connectionIssue)
        {
        }

        public void OnConnectionIssueResolved(ConnectionIssue connectionIssue)
        {
        }
    }

    /// <summary>Folds like the stock grain and asks for a snapshot every OnHand events.</summary>
    private sealed class SnapshotPolicyHost : ILogViewAdaptorHost<StockState, StockEvent>, IJournalSnapshotPolicy<StockState>
    {
        public int GetSnapshotInterval(StockState confirmedView, int defaultInterval) => confirmedView.OnHand;

        public void UpdateView(StockState view, StockEvent entry) => view.Apply(entry);

        public void OnViewChanged(bool tentative, bool confirmed)
        {
        }

        public void OnConnectionIssue(ConnectionIssue connectionIssue)
        {
        }

        public void OnConnectionIssueResolved(ConnectionIssue connectionIssue)
        {
        }
    }

    /// <summary>A read-only journal holding exactly the given rows, gaps included.</summary>
    private sealed class FixedJournal(params JournalEntry[] entries) : IJournalStorage
    {
        public JournalSnapshot? Snapshot { get; init; }

        public Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default) => Task.FromResult(Snapshot);

        public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
            => Task.FromResult<IReadOnlyList<JournalEntry>>(entries.Where(e => e.Sequence > afterSequence).Take(maxCount).ToArray());

        public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("Read-only.");

        public Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("Read-only.");
    }
}
