using Parity.Runtime;
using Parity.Runtime.Membership;
using Parity.Runtime.Membership.AdoNet;
using Parity.Runtime.Reminders;
using Parity.Runtime.Reminders.AdoNet;
using Parity.Runtime.Storage;
using Parity.Runtime.Storage.AdoNet;

namespace Parity.Storage.Tests.AdoNet;

/// <summary>
/// The contract every ADO.NET dialect must keep, run once per database by the subclasses. Each test
/// gets a fresh database from <see cref="CreateConnectionStringAsync"/>.
/// </summary>
public abstract class AdoNetContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    private readonly List<IAsyncDisposable> _owned = [];
    private string? _connectionString;

    protected abstract AdoNetProvider Provider { get; }

    protected string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>A connection string to a new, empty database.</summary>
    protected abstract Task<string> CreateConnectionStringAsync();

    public async Task InitializeAsync() => _connectionString = await CreateConnectionStringAsync();

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await CleanupAsync();
    }

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    /// <summary>Opens the test's database; disposed with the test.</summary>
    protected async Task<AdoNetDatabase> OpenAsync(Action<AdoNetStorageOptions>? configure = null)
    {
        var options = new AdoNetStorageOptions { Provider = Provider, ConnectionString = ConnectionString };
        configure?.Invoke(options);
        var database = await AdoNetDatabase.OpenAsync(options);
        _owned.Add(database);
        return database;
    }

    protected AdoNetJournalStorage Journal(AdoNetDatabase database)
    {
        var journal = new AdoNetJournalStorage(database);
        _owned.Add(journal);
        return journal;
    }

    protected static JournalEntry Event(long sequence, string payload = """{"$type":"reserved","qty":1}""", string? correlationId = "corr-1") =>
        new(sequence, "Reserved", payload, new EventMetadata(correlationId, "cause-" + sequence, "pos", "pos-evt-" + sequence, T0.AddSeconds(sequence)));

    // ---- schema ----

    [Fact]
    public async Task Schema_AppliedByProvider_IsTheShippedFileInDeploySql()
    {
        var database = await OpenAsync();
        var fileName = Provider == AdoNetProvider.PostgreSql ? "postgresql.sql" : "sqlite.sql";
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.Root, "deploy", "sql", fileName));

        Assert.Equal(shipped, database.SchemaScript);
        Assert.Contains("CREATE TABLE IF NOT EXISTS parity_journal ", shipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_OpenedTwice_IsIdempotentAndKeepsData()
    {
        var first = await OpenAsync(o => o.CoalesceAppends = false);
        var grain = new GrainId("order", "A-1");
        await Journal(first).AppendAsync(grain, 0, [Event(1)]);

        var second = await OpenAsync(o => o.CoalesceAppends = false);

        Assert.Single(await Journal(second).ReadAsync(grain, 0));
    }

    // ---- journal ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_TwoWritersWithSameExpectedVersion_ExactlyOneWinsAndJournalHasNoGapOrFork(bool coalesce)
    {
        // Two databases objects = two silos with their own connections and writers.
        var writerA = Journal(await OpenAsync(o => o.CoalesceAppends = coalesce));
        var writerB = Journal(await OpenAsync(o => o.CoalesceAppends = coalesce));
        var grain = new GrainId("inventory-position", "SKU-1@STORE-1");
        const int rounds = 20;
        var winners = new List<string>();

        for (var version = 0L; version < rounds; version++)
        {
            var expected = version;
            var a = Task.Run(() => writerA.AppendAsync(grain, expected, [Event(expected + 1, """{"by":"A"}""")]));
            var b = Task.Run(() => writerB.AppendAsync(grain, expected, [Event(expected + 1, """{"by":"B"}""")]));
            var outcomes = await Task.WhenAll(Outcome(a), Outcome(b));

            Assert.Equal(1, outcomes.Count(o => o is null));
            var loser = Assert.IsType<InconsistentStateException>(Assert.Single(outcomes, o => o is not null));
            Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), loser.ExpectedVersion);
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
        var journal = Journal(await OpenAsync(o => o.CoalesceAppends = coalesce));
        var grain = new GrainId("order", "gap");
        await journal.AppendAsync(grain, 0, [Event(1), Event(2)]);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => journal.AppendAsync(grain, 5, [Event(6), Event(7)]));

        Assert.Equal("2", conflict.StoredVersion);
        Assert.Equal("5", conflict.ExpectedVersion);
        Assert.Equal([1L, 2L], (await journal.ReadAsync(grain, 0)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task Append_EntriesNotFollowingExpectedVersion_IsRejectedAsArgumentError()
    {
        var journal = Journal(await OpenAsync());

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync(new GrainId("order", "x"), 0, [Event(1), Event(3)]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Read_AfterAppend_ReturnsEventsWithPayloadAndMetadataIntact(bool coalesce)
    {
        var journal = Journal(await OpenAsync(o => o.CoalesceAppends = coalesce));
        var grain = new GrainId("order", "WEB-42@web");
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
        Assert.Empty(await journal.ReadAsync(new GrainId("order", "other"), 0));
    }

    [Fact]
    public async Task Snapshot_OlderNeverReplacesNewer()
    {
        var journal = Journal(await OpenAsync());
        var grain = new GrainId("inventory-position", "SKU-9@DC");
        Assert.Null(await journal.ReadSnapshotAsync(grain));

        await journal.WriteSnapshotAsync(grain, new JournalSnapshot(10, """{"onHand":10}""", T0));
        await journal.WriteSnapshotAsync(grain, new JournalSnapshot(7, """{"onHand":7}""", T0.AddMinutes(1)));
        Assert.Equal(new JournalSnapshot(10, """{"onHand":10}""", T0), await journal.ReadSnapshotAsync(grain));

        await journal.WriteSnapshotAsync(grain, new JournalSnapshot(12, """{"onHand":12}""", T0.AddMinutes(2)));
        Assert.Equal(new JournalSnapshot(12, """{"onHand":12}""", T0.AddMinutes(2)), await journal.ReadSnapshotAsync(grain));
    }

    // ---- coalescing writer ----

    [Fact]
    public async Task CoalescingWriter_200GrainsInOneBatch_AllLand_AndOnlyTheConflictingGrainsFail()
    {
        var journal = Journal(await OpenAsync(o => o.MaxBatchSize = 1000));
        var writer = Assert.IsType<JournalAppendWriter>(journal.Writer);
        var hot = new GrainId("inventory-position", "HOT@STORE");
        var gap = new GrainId("inventory-position", "GAP@STORE");
        await journal.AppendAsync(hot, 0, [Event(1)]);
        var batchesBefore = writer.Batches;

        Task[] appends;
        Task hotAppend, gapAppend;
        using (writer.Pause())
        {
            appends = Enumerable.Range(0, 200)
                .Select(i => journal.AppendAsync(new GrainId("order", $"O-{i}"), 0, [Event(1), Event(2)]))
                .ToArray();
            hotAppend = journal.AppendAsync(hot, 0, [Event(1, """{"stale":true}""")]); // another activation already wrote 1
            gapAppend = journal.AppendAsync(gap, 3, [Event(4)]);                      // nothing up to 3 exists
        }

        await Task.WhenAll(appends);
        var hotConflict = await Assert.ThrowsAsync<InconsistentStateException>(() => hotAppend);
        Assert.Equal("1", hotConflict.StoredVersion);
        await Assert.ThrowsAsync<InconsistentStateException>(() => gapAppend);

        Assert.Equal(1, writer.Batches - batchesBefore); // all 202 went through one batch...
        Assert.Equal(1, writer.ReplayedBatches);         // ...which conflicted and was replayed per grain
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal([1L, 2L], (await journal.ReadAsync(new GrainId("order", $"O-{i}"), 0)).Select(e => e.Sequence));
        }

        Assert.Equal([Event(1)], await journal.ReadAsync(hot, 0));
        Assert.Empty(await journal.ReadAsync(gap, 0));
    }

    [Fact]
    public async Task CoalescingWriter_ConsecutiveAppendsOfOneGrainInOneBatch_BothLand()
    {
        var journal = Journal(await OpenAsync());
        var writer = journal.Writer!;
        var grain = new GrainId("order", "pipelined");

        Task first, second;
        using (writer.Pause())
        {
            first = journal.AppendAsync(grain, 0, [Event(1), Event(2)]);
            second = journal.AppendAsync(grain, 2, [Event(3)]);
        }

        await Task.WhenAll(first, second);
        Assert.Equal([1L, 2L, 3L], (await journal.ReadAsync(grain, 0)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task CoalescingWriter_AppendQueuedBehindAFailedAppendOfTheSameGrain_FailsToo()
    {
        var journal = Journal(await OpenAsync());
        var writer = journal.Writer!;
        var grain = new GrainId("order", "forked");
        var bystander = new GrainId("order", "bystander");
        await journal.AppendAsync(grain, 0, [Event(1, """{"by":"other activation"}""")]);

        Task stale, onTopOfStale, other;
        using (writer.Pause())
        {
            stale = journal.AppendAsync(grain, 0, [Event(1, """{"by":"stale"}""")]);
            // Computed on top of the stale append: writing it on top of the other activation's event would fork the grain.
            onTopOfStale = journal.AppendAsync(grain, 1, [Event(2, """{"by":"stale"}""")]);
            other = journal.AppendAsync(bystander, 0, [Event(1)]);
        }

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale);
        await Assert.ThrowsAsync<InconsistentStateException>(() => onTopOfStale);
        await other;
        Assert.Equal(["""{"by":"other activation"}"""], (await journal.ReadAsync(grain, 0)).Select(e => e.Payload));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Append_200GrainsConcurrently_AllLand(bool coalesce)
    {
        var journal = Journal(await OpenAsync(o => o.CoalesceAppends = coalesce));

        await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var grain = new GrainId("order", $"C-{i}");
            await journal.AppendAsync(grain, 0, [Event(1)]);
            await journal.AppendAsync(grain, 1, [Event(2), Event(3)]);
        })));

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal([1L, 2L, 3L], (await journal.ReadAsync(new GrainId("order", $"C-{i}"), 0)).Select(e => e.Sequence));
        }
    }

    // ---- grain state ----

    [Fact]
    public async Task GrainState_WriteWithStaleETag_ConflictsAndKeepsTheNewerState()
    {
        var storage = new AdoNetGrainStorage(await OpenAsync());
        var grain = new GrainId("channel-config", "web");
        Assert.Null(await storage.ReadAsync("state", grain));

        var etag1 = await storage.WriteAsync("state", grain, """{"v":1}""", null);
        var etag2 = await storage.WriteAsync("state", grain, """{"v":2}""", etag1);
        Assert.NotEqual(etag1, etag2);

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("state", grain, """{"v":"stale"}""", etag1));
        Assert.Equal(etag2, conflict.StoredVersion);
        Assert.Equal(etag1, conflict.ExpectedVersion);
        Assert.Equal(new GrainStateRecord("""{"v":2}""", etag2), await storage.ReadAsync("state", grain));
        Assert.Null(await storage.ReadAsync("other-state", grain));
    }

    [Fact]
    public async Task GrainState_TwoFirstWrites_SecondConflicts()
    {
        var storage = new AdoNetGrainStorage(await OpenAsync());
        var grain = new GrainId("channel-config", "pos");

        await storage.WriteAsync("state", grain, """{"v":"first"}""", null);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("state", grain, """{"v":"second"}""", null));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("state", grain, """{"v":"junk"}""", "not-an-etag"));
    }

    [Fact]
    public async Task GrainState_ClearThenWrite_AnETagFromBeforeTheClearNeverMatchesAgain()
    {
        var storage = new AdoNetGrainStorage(await OpenAsync());
        var grain = new GrainId("channel-config", "marketplace");
        var before = await storage.WriteAsync("state", grain, """{"v":1}""", null);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("state", grain, null));
        await storage.ClearAsync("state", grain, before);
        Assert.Null(await storage.ReadAsync("state", grain));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearAsync("state", grain, before));
        await storage.ClearAsync("state", grain, null); // nothing stored, nothing expected: fine

        var after = await storage.WriteAsync("state", grain, """{"v":"new"}""", null);

        Assert.NotEqual(before, after);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteAsync("state", grain, """{"v":"stale"}""", before));
        Assert.Equal("""{"v":"new"}""", (await storage.ReadAsync("state", grain))!.Payload);
    }

    // ---- reminders ----

    [Fact]
    public async Task Reminders_UpsertReadDueAndRemove()
    {
        var reminders = new AdoNetReminderTable(await OpenAsync());
        var grain = new GrainId("reservation", "R-1");
        var other = new GrainId("erp-posting", "batch-7");

        var etag = await reminders.UpsertAsync(new ReminderEntry(grain, "expire", T0.AddMinutes(15), TimeSpan.Zero, null));
        await reminders.UpsertAsync(new ReminderEntry(other, "retry", T0.AddMinutes(1), TimeSpan.FromSeconds(30), null));
        var replaced = await reminders.UpsertAsync(new ReminderEntry(grain, "expire", T0.AddMinutes(20), TimeSpan.FromMinutes(5), null));

        Assert.NotEqual(etag, replaced);
        Assert.Equal([new ReminderEntry(grain, "expire", T0.AddMinutes(20), TimeSpan.FromMinutes(5), replaced)], await reminders.ReadAsync(grain));
        Assert.Equal(["retry"], (await reminders.ReadDueAsync(T0.AddMinutes(1))).Select(r => r.Name));
        Assert.Equal(["retry", "expire"], (await reminders.ReadDueAsync(T0.AddHours(1))).Select(r => r.Name));
        Assert.Empty(await reminders.ReadDueAsync(T0));

        Assert.True(await reminders.RemoveAsync(grain, "expire"));
        Assert.False(await reminders.RemoveAsync(grain, "expire"));
        Assert.Empty(await reminders.ReadAsync(grain));
    }

    [Fact]
    public async Task Reminders_TryUpdateDue_OnlyTheHolderOfTheCurrentETagMovesIt()
    {
        var reminders = new AdoNetReminderTable(await OpenAsync());
        var grain = new GrainId("reservation", "R-2");
        var etag = await reminders.UpsertAsync(new ReminderEntry(grain, "expire", T0, TimeSpan.FromMinutes(1), null));

        var moved = await reminders.TryUpdateDueAsync(grain, "expire", T0.AddMinutes(1), etag);
        var secondSilo = await reminders.TryUpdateDueAsync(grain, "expire", T0.AddMinutes(1), etag);

        Assert.NotNull(moved);
        Assert.Null(secondSilo);
        Assert.Equal(T0.AddMinutes(1), Assert.Single(await reminders.ReadAsync(grain)).DueAt);

        Assert.True(await reminders.RemoveAsync(grain, "expire"));
        await reminders.UpsertAsync(new ReminderEntry(grain, "expire", T0, TimeSpan.FromMinutes(1), null));
        Assert.Null(await reminders.TryUpdateDueAsync(grain, "expire", T0.AddMinutes(2), moved!)); // re-added: old ETag is dead
        Assert.Null(await reminders.TryUpdateDueAsync(grain, "gone", T0, moved!));
    }

    // ---- membership ----

    [Fact]
    public async Task Membership_WritersWithTheSameVersion_OnlyOneWins()
    {
        var tableA = new AdoNetMembershipTable(await OpenAsync());
        var tableB = new AdoNetMembershipTable(await OpenAsync());
        var silo1 = new SiloAddress("10.0.0.1", 11111, 1);
        var silo2 = new SiloAddress("10.0.0.2", 11111, 2);

        var empty = await tableA.ReadAllAsync();
        Assert.Empty(empty.Entries);
        Assert.Equal(0, empty.Version);

        Assert.True(await tableA.TryWriteAsync(Entry(silo1, SiloStatus.Joining), 0));
        Assert.False(await tableB.TryWriteAsync(Entry(silo2, SiloStatus.Joining), 0));

        var results = await Task.WhenAll(
            Task.Run(() => tableA.TryWriteAsync(Entry(silo1, SiloStatus.Active), 1)),
            Task.Run(() => tableB.TryWriteAsync(Entry(silo1, SiloStatus.Dead), 1)));
        Assert.Equal(1, results.Count(r => r));

        var snapshot = await tableB.ReadAllAsync();
        Assert.Equal(2, snapshot.Version);
        var row = Assert.Single(snapshot.Entries);
        Assert.Equal(results[0] ? SiloStatus.Active : SiloStatus.Dead, row.Status);
        Assert.Equal(Entry(silo1, row.Status), row);
    }

    [Fact]
    public async Task Membership_Heartbeat_UpdatesTheRowWithoutBumpingTheVersion()
    {
        var table = new AdoNetMembershipTable(await OpenAsync());
        var silo = new SiloAddress("silo-a", 30000, 638000000000000000);
        Assert.True(await table.TryWriteAsync(Entry(silo, SiloStatus.Active), 0));
        Assert.True(await table.TryWriteAsync(Entry(new SiloAddress("silo-b", 30000, 7), SiloStatus.Active), 1));

        await table.UpdateIAmAliveAsync(silo, T0.AddSeconds(5));

        var snapshot = await table.ReadAllAsync();
        Assert.Equal(2, snapshot.Version);
        Assert.Equal(T0.AddSeconds(5), snapshot.Entries.Single(e => e.Silo == silo).IAmAliveTime);
        Assert.Equal(T0, snapshot.Entries.Single(e => e.Silo != silo).IAmAliveTime);
        await Assert.ThrowsAsync<InvalidOperationException>(() => table.UpdateIAmAliveAsync(new SiloAddress("unknown", 1, 1), T0));
    }

    [Fact]
    public async Task Membership_ClustersDoNotSeeEachOther()
    {
        var blue = new AdoNetMembershipTable(await OpenAsync(o => o.ClusterId = "blue"));
        var green = new AdoNetMembershipTable(await OpenAsync(o => o.ClusterId = "green"));

        Assert.True(await blue.TryWriteAsync(Entry(new SiloAddress("h", 1, 1), SiloStatus.Active), 0));

        Assert.Empty((await green.ReadAllAsync()).Entries);
        Assert.True(await green.TryWriteAsync(Entry(new SiloAddress("h", 1, 1), SiloStatus.Joining), 0));
    }

    private static MembershipEntry Entry(SiloAddress silo, SiloStatus status) =>
        new(silo, status, 40000, "host-" + silo.Host, T0.AddMinutes(-1), T0);

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
