using Parity.Providers.Journal;
using Parity.Providers.Journal.AdoNet;

namespace Parity.Providers.Tests.Journal.Storage;

/// <summary>The database journals: the shared contract plus the schema and the coalescing writer.</summary>
public abstract class AdoNetJournalStorageContractTests : JournalStorageContractTests
{
    private string? _connectionString;

    protected abstract ParityJournalStorage Storage { get; }

    protected string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>A connection string to a new, empty database.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    public override async Task InitializeAsync()
    {
        _connectionString = await CreateDatabaseAsync();
        await JournalSchema.ApplyAsync(Storage, _connectionString);
    }

    protected override Task<IJournalStorage> CreateStorageAsync(bool coalesce = true, int maxBatchSize = 256)
        => Task.FromResult<IJournalStorage>(Own(new AdoNetJournalStorage(Storage, ConnectionString, coalesce, maxBatchSize)));

    private async Task<AdoNetJournalStorage> CreateAdoNetAsync(int maxBatchSize = 256)
        => (AdoNetJournalStorage)await CreateStorageAsync(coalesce: true, maxBatchSize);

    [Fact]
    public void Schema_EmbeddedScript_IsTheShippedFileInDeploySql()
    {
        var shipped = File.ReadAllText(Path.Combine(JournalSchema.RepositoryRoot, "deploy", "sql", "parity", JournalSchema.FileName(Storage)));

        Assert.Equal(shipped, JournalSchema.EmbeddedScript(Storage));
        Assert.Contains("CREATE TABLE IF NOT EXISTS parity_journal ", shipped, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE IF NOT EXISTS parity_journal_snapshot ", shipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_AppliedTwice_IsIdempotentAndKeepsData()
    {
        var journal = await CreateStorageAsync(coalesce: false);
        var grain = Grain("order", "A-1");
        await journal.AppendAsync(grain, 0, [Event(1)]);

        await JournalSchema.ApplyAsync(Storage, ConnectionString);

        Assert.Single(await (await CreateStorageAsync(coalesce: false)).ReadAsync(grain, 0));
    }

    [Fact]
    public async Task CoalescingWriter_200GrainsInOneBatch_AllLandInOneWrite_AndOnlyTheConflictingGrainsFail()
    {
        var journal = await CreateAdoNetAsync(maxBatchSize: 1000);
        var writer = Assert.IsType<JournalAppendWriter>(journal.Writer);
        var hot = Grain("inventory-position", "HOT@STORE");
        var gap = Grain("inventory-position", "GAP@STORE");
        await journal.AppendAsync(hot, 0, [Event(1)]);
        var batchesBefore = writer.Metrics.Batches;

        Task[] appends;
        Task hotAppend, gapAppend;
        using (writer.Pause())
        {
            appends = Enumerable.Range(0, 200)
                .Select(i => journal.AppendAsync(Grain("order", $"O-{i}"), 0, [Event(1), Event(2)]))
                .ToArray();
            hotAppend = journal.AppendAsync(hot, 0, [Event(1, """{"stale":true}""")]); // another activation already wrote 1
            gapAppend = journal.AppendAsync(gap, 3, [Event(4)]);                      // nothing up to 3 exists
        }

        await Task.WhenAll(appends);
        var hotConflict = await Assert.ThrowsAsync<JournalConflictException>(() => hotAppend);
        Assert.Equal(1, hotConflict.StoredVersion);
        await Assert.ThrowsAsync<JournalConflictException>(() => gapAppend);

        Assert.Equal(1, writer.Metrics.Batches - batchesBefore); // all 202 went through one batch...
        Assert.Equal(1, writer.Metrics.ReplayedBatches);         // ...which conflicted and was replayed per grain
        for (var i = 0; i < 200; i++)
        {
            Assert.Equal([1L, 2L], (await journal.ReadAsync(Grain("order", $"O-{i}"), 0)).Select(e => e.Sequence));
        }

        Assert.Equal([Event(1)], await journal.ReadAsync(hot, 0));
        Assert.Empty(await journal.ReadAsync(gap, 0));
    }

    [Fact]
    public async Task CoalescingWriter_AppendsOfManyGrains_ShareOneWrite()
    {
        var journal = await CreateAdoNetAsync();
        var writer = journal.Writer!;
        var writesBefore = writer.Metrics.Writes;

        Task[] appends;
        using (writer.Pause())
        {
            appends = Enumerable.Range(0, 100).Select(i => journal.AppendAsync(Grain("order", $"S-{i}"), 0, [Event(1), Event(2)])).ToArray();
        }

        await Task.WhenAll(appends);

        Assert.Equal(1, writer.Metrics.Writes - writesBefore);
        Assert.Equal(200, (await Task.WhenAll(Enumerable.Range(0, 100).Select(i => journal.ReadAsync(Grain("order", $"S-{i}"), 0)))).Sum(e => e.Count));
    }

    [Fact]
    public async Task CoalescingWriter_ConsecutiveAppendsOfOneGrainInOneBatch_BothLand()
    {
        var journal = await CreateAdoNetAsync();
        var writer = journal.Writer!;
        var grain = Grain("order", "pipelined");

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
        var journal = await CreateAdoNetAsync();
        var writer = journal.Writer!;
        var grain = Grain("order", "forked");
        var bystander = Grain("order", "bystander");
        await journal.AppendAsync(grain, 0, [Event(1, """{"by":"other activation"}""")]);

        Task stale, onTopOfStale, other;
        using (writer.Pause())
        {
            stale = journal.AppendAsync(grain, 0, [Event(1, """{"by":"stale"}""")]);
            // Computed on top of the stale append: writing it on top of the other activation's event would fork the grain.
            onTopOfStale = journal.AppendAsync(grain, 1, [Event(2, """{"by":"stale"}""")]);
            other = journal.AppendAsync(bystander, 0, [Event(1)]);
        }

        await Assert.ThrowsAsync<JournalConflictException>(() => stale);
        await Assert.ThrowsAsync<JournalConflictException>(() => onTopOfStale);
        await other;
        Assert.Equal(["""{"by":"other activation"}"""], (await journal.ReadAsync(grain, 0)).Select(e => e.Payload));
    }

    [Fact]
    public async Task Append_MoreRowsThanOneStatementHolds_LandsAtomically()
    {
        var journal = await CreateStorageAsync(coalesce: false);
        var grain = Grain("settlement-batch", "big");
        var entries = Enumerable.Range(1, JournalCommands.MaxRowsPerStatement + 5).Select(i => Event(i)).ToArray();

        await journal.AppendAsync(grain, 0, entries);

        Assert.Equal(entries.Length, (await journal.ReadAsync(grain, 0)).Count);
    }
}
