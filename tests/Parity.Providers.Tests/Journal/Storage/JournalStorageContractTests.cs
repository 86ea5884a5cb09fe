using Orleans.Runtime;
using Parity.Providers.Journal;

namespace Parity.Providers.Tests.Journal.Storage;

/// <summary>
/// The contract every <see cref="IJournalStorage"/> keeps, run once per storage by the subclasses. Each test gets a
/// fresh journal from <see cref="CreateStorageAsync"/>; <c>coalesce</c> is ignored where there is no writer.
/// </summary>
public abstract class JournalStorageContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>A journal over the test's database; a second call is a second silo on the same database.</summary>
    protected abstract Task<IJournalStorage> CreateStorageAsync(bool coalesce = true, int maxBatchSize = 256);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }

    protected T Own<T>(T storage)
        where T : IJournalStorage
    {
        if (storage is IAsyncDisposable disposable)
        {
            _owned.Add(disposable);
        }

        return storage;
    }

    protected static GrainId Grain(string type, string key) => GrainId.Create(type, key);

    protected static JournalEntry Event(long sequence, string payload = """{"$type":"reserved","qty":1}""", string? correlationId = "corr-1") =>
        new(sequence, "Reserved", payload, new EventMetadata(correlationId, "cause-" + sequence, "pos", "pos-evt-" + sequence, T0.AddSeconds(sequence)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_TwoWritersWithSameExpectedVersion_ExactlyOneWinsAndJournalHasNoGapOrFork(bool coalesce)
    {
        // Two storages = two silos with their own connections and writers.
        var writerA = await CreateStorageAsync(coalesce);
        var writerB = await CreateStorageAsync(coalesce);
        var grain = Grain("inventory-position", "SKU-1@STORE-1");
        const int rounds = 20;
        var winners = new List<string>();

        for (var version = 0L; version < rounds; version++)
        {
            var expected = version;
            var a = Task.Run(() => writerA.AppendAsync(grain, expected, [Event(expected + 1, """{"by":"A"}""")]));
            var b = Task.Run(() => writerB.AppendAsync(grain, expected, [Event(expected + 1, """{"by":"B"}""")]));
            var outcomes = await Task.WhenAll(Outcome(a), Outcome(b));

            Assert.Equal(1, outcomes.Count(o => o is null));
            var loser = Assert.IsType<JournalConflictException>(Assert.Single(outcomes, o => o is not null));
            Assert.Equal(expected, loser.ExpectedVersion);
            Assert.Equal(grain, loser.GrainId);
            winners.Add(outcomes[0] is null ? """{"by":"A"}""" : """{"by":"B"}""");
        }

        var journal = await writerA.ReadAsync(grain, 0);
        Assert.Equal(Enumerable.Range(1, rounds).Select(i => (long)i), journal.Select(e => e.Sequence));
        Assert.Equal(winners, journal.Select(e => e.Payload));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_ExpectedVersionAheadOfJournal_IsRefusedAndWritesNothing(bool coalesce)
    {
        var journal = await CreateStorageAsync(coalesce);
        var grain = Grain("order", "gap");
        await journal.AppendAsync(grain, 0, [Event(1), Event(2)]);

        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => journal.AppendAsync(grain, 5, [Event(6), Event(7)]));

        Assert.Equal(2, conflict.StoredVersion);
        Assert.Equal(5, conflict.ExpectedVersion);
        Assert.Equal([1L, 2L], (await journal.ReadAsync(grain, 0)).Select(e => e.Sequence));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_ExpectedVersionBehindJournal_IsRefusedAndWritesNothing(bool coalesce)
    {
        var journal = await CreateStorageAsync(coalesce);
        var grain = Grain("order", "stale");
        await journal.AppendAsync(grain, 0, [Event(1), Event(2), Event(3)]);

        var conflict = await Assert.ThrowsAsync<JournalConflictException>(() => journal.AppendAsync(grain, 1, [Event(2, """{"stale":true}"""), Event(3), Event(4)]));

        Assert.Equal(3, conflict.StoredVersion);
        Assert.Equal([Event(1), Event(2), Event(3)], await journal.ReadAsync(grain, 0));
    }

    [Fact]
    public async Task Append_EntriesNotFollowingExpectedVersion_IsRejectedAsArgumentError()
    {
        var journal = await CreateStorageAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(Grain("order", "x"), 0, [Event(1), Event(3)]));
        Assert.Empty(await journal.ReadAsync(Grain("order", "x"), 0));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Read_AfterAppend_ReturnsEventsWithPayloadAndMetadataIntact(bool coalesce)
    {
        var journal = await CreateStorageAsync(coalesce);
        var grain = Grain("order", "WEB-42@web");
        JournalEntry[] written =
        [
            // Payload text must come back byte for byte: "$type" first, spacing kept, unicode kept.
            new(1, "OrderPlaced", """{"$type":"placed", "lines":[{"sku":"SKU-1","qty":2}],"note":"Grüße ✓"}""",
                new EventMetadata("corr-9", "cmd-1", "webshop", "web-evt-77", new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)).AddTicks(1234560))),
            new(2, "OrderPaid", """{"amount":12.50}""", new EventMetadata(null, null, null, null, T0)),
            new(3, "OrderShipped", "{}", new EventMetadata("corr-9", "evt-2", "erp", "erp-1", T0.AddDays(1))),
        ];

        await journal.AppendAsync(grain, 0, written);

        Assert.Equal(written, await journal.ReadAsync(grain, 0));
        Assert.Equal([written[1]], await journal.ReadAsync(grain, 1, maxCount: 1));
        Assert.Empty(await journal.ReadAsync(grain, 3));
        Assert.Empty(await journal.ReadAsync(Grain("order", "other"), 0));
        Assert.Empty(await journal.ReadAsync(Grain("invoice", "WEB-42@web"), 0));
    }

    [Fact]
    public async Task Snapshot_OlderNeverReplacesNewer()
    {
        var journal = await CreateStorageAsync();
        var grain = Grain("inventory-position", "SKU-9@DC");
        Assert.Null(await journal.ReadSnapshotAsync(grain));

        await journal.WriteSnapshotAsync(grain, new JournalSnapshot(10, """{"onHand":10}""", T0));
        await journal.WriteSnapshotAsync(grain, new JournalSnapshot(7, """{"onHand":7}""", T0.AddMinutes(1)));
        Assert.Equal(new JournalSnapshot(10, """{"onHand":10}""", T0), await journal.ReadSnapshotAsync(grain));

        await journal.WriteSnapshotAsync(grain, new JournalSnapshot(12, """{"onHand":12}""", T0.AddMinutes(2)));
        Assert.Equal(new JournalSnapshot(12, """{"onHand":12}""", T0.AddMinutes(2)), await journal.ReadSnapshotAsync(grain));
        Assert.Null(await journal.ReadSnapshotAsync(Grain("inventory-position", "SKU-9@STORE")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_200GrainsConcurrently_AllLand(bool coalesce)
    {
        var journal = await CreateStorageAsync(coalesce);

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var grain = Grain("order", $"C-{i}");
            await journal.AppendAsync(grain, 0, [Event(1)]);
            await journal.AppendAsync(grain, 1, [Event(2), Event(3)]);
        })));

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal([1L, 2L, 3L], (await journal.ReadAsync(Grain("order", $"C-{i}"), 0)).Select(e => e.Sequence));
        }
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
