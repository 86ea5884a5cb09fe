using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Parity.Providers.Reminders;
using Parity.Providers.Schema;
using Parity.Providers.Tests.Schema;

namespace Parity.Providers.Tests.Reminders;

/// <summary>The <see cref="IReminderTable"/> contract on a real SQLite file migrated by the schema migration.</summary>
public sealed class SqliteReminderTableTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime StartAt = new DateTime(2026, 9, 1, 8, 30, 15, DateTimeKind.Utc).AddTicks(1234567);

    private readonly TempSqliteDirectory _directory = new();
    private readonly string _connectionString;
    private readonly SqliteReminderTable _table;

    public SqliteReminderTableTests()
    {
        _connectionString = _directory.ConnectionString("reminders.db");
        _table = CreateTable("service-a");
    }

    public async Task InitializeAsync()
    {
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, _connectionString);
        await _table.StartAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task UpsertRow_NewReminder_ReadRowReturnsEveryFieldExactlyWithTheReturnedEtag()
    {
        var grain = GrainId.Create("probe", "foo/bar\\#b a z?");
        var etag = await _table.UpsertRow(Entry(grain, "daily/close", TimeSpan.FromMinutes(90)));

        var read = await _table.ReadRow(grain, "daily/close");

        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("daily/close", read.ReminderName);
        Assert.Equal(StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(TimeSpan.FromMinutes(90), read.Period);
        Assert.NotNull(etag);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task UpsertRow_ExistingReminder_ReplacesItWithAFreshEtag()
    {
        var grain = GrainId.Create("probe", "replace");
        var first = await _table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));

        var replaced = Entry(grain, "r", TimeSpan.FromMinutes(2));
        replaced.StartAt = StartAt.AddHours(1);
        var second = await _table.UpsertRow(replaced);

        Assert.NotEqual(first, second);
        var read = await _table.ReadRow(grain, "r");
        Assert.NotNull(read);
        Assert.Equal((StartAt.AddHours(1), TimeSpan.FromMinutes(2), second), (read.StartAt, read.Period, read.ETag));
        Assert.Single((await _table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task UpsertRow_LocalAndUnspecifiedTimes_AreStoredAsUtc()
    {
        var grain = GrainId.Create("probe", "kinds");
        var local = Entry(grain, "local", TimeSpan.FromMinutes(1));
        local.StartAt = StartAt.ToLocalTime();
        var unspecified = Entry(grain, "unspecified", TimeSpan.FromMinutes(1));
        unspecified.StartAt = DateTime.SpecifyKind(StartAt, DateTimeKind.Unspecified);
        await _table.UpsertRow(local);
        await _table.UpsertRow(unspecified);

        Assert.Equal(StartAt, (await _table.ReadRow(grain, "local"))!.StartAt);
        Assert.Equal(StartAt, (await _table.ReadRow(grain, "unspecified"))!.StartAt);
    }

    [Fact]
    public async Task RemoveRow_OnlyTheCurrentEtagRemovesTheReminder()
    {
        var grain = GrainId.Create("probe", "remove");
        var stale = await _table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));
        var current = await _table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));

        Assert.False(await _table.RemoveRow(grain, "r", stale!));
        Assert.False(await _table.RemoveRow(grain, "other", current!));
        Assert.NotNull(await _table.ReadRow(grain, "r"));
        Assert.True(await _table.RemoveRow(grain, "r", current!));
        Assert.Null(await _table.ReadRow(grain, "r"));
        Assert.False(await _table.RemoveRow(grain, "r", current!));
    }

    [Fact]
    public async Task RemoveRow_EtagFromBeforeARemoveAndReinsert_NoLongerMatches()
    {
        var grain = GrainId.Create("probe", "reinsert");
        var old = await _table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));
        Assert.True(await _table.RemoveRow(grain, "r", old!));
        await _table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));

        Assert.False(await _table.RemoveRow(grain, "r", old!));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsThatGrainsRemindersOnly()
    {
        var grain = GrainId.Create("probe", "mine");
        var other = GrainId.Create("probe", "other");
        await _table.UpsertRow(Entry(grain, "a", TimeSpan.FromMinutes(1)));
        await _table.UpsertRow(Entry(grain, "b", TimeSpan.FromMinutes(1)));
        await _table.UpsertRow(Entry(other, "a", TimeSpan.FromMinutes(1)));

        var rows = await _table.ReadRows(grain);

        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal));
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
        Assert.Empty((await _table.ReadRows(GrainId.Create("probe", "nobody"))).Reminders);
        Assert.Null(await _table.ReadRow(grain, "c"));
    }

    [Fact]
    public async Task ReadRows_HashRanges_FollowTheContractIncludingWrapAround()
    {
        var grains = Enumerable.Range(0, 300).Select(i => GrainId.Create("probe", "range-" + i)).ToList();
        foreach (var grain in grains)
        {
            await _table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));
        }

        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToList();
        var random = new Random(20260901);
        var ranges = new List<(uint Begin, uint End)>
        {
            (0, uint.MaxValue), (0, 0), (uint.MaxValue, uint.MaxValue), (uint.MaxValue, 0), (12345, 12345),
            (hashes[10], hashes[20]), (hashes[10] - 1, hashes[10]), (hashes[10], hashes[10] - 1),
            (hashes[250], hashes[40]), (hashes[^1], hashes[0]), (hashes[^1] - 1, hashes[0] + 1),
        };
        ranges.AddRange(Enumerable.Range(0, 200).Select(_ => ((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32))));

        foreach (var (begin, end) in ranges)
        {
            var expected = grains
                .Where(g => begin < end
                    ? g.GetUniformHashCode() > begin && g.GetUniformHashCode() <= end
                    : g.GetUniformHashCode() > begin || g.GetUniformHashCode() <= end)
                .Select(g => g.ToString())
                .Order(StringComparer.Ordinal);
            var actual = (await _table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.ToString()).Order(StringComparer.Ordinal);
            Assert.True(expected.SequenceEqual(actual), $"range ({begin}, {end}]");
        }

        Assert.Equal(300, (await _table.ReadRows(0, 0)).Reminders.Count);
    }

    [Fact]
    public async Task Rows_AreScopedByServiceId()
    {
        var otherService = CreateTable("service-b");
        await otherService.StartAsync();
        var grain = GrainId.Create("probe", "scoped");
        var etag = await _table.UpsertRow(Entry(grain, "r", TimeSpan.FromMinutes(1)));

        Assert.Null(await otherService.ReadRow(grain, "r"));
        Assert.Empty((await otherService.ReadRows(0, 0)).Reminders);
        Assert.False(await otherService.RemoveRow(grain, "r", etag!));
        await otherService.TestOnlyClearTable();
        Assert.NotNull(await _table.ReadRow(grain, "r"));
    }

    [Fact]
    public async Task UpsertRow_ConcurrentWritersOnOneFile_AllSucceedWithDistinctEtags()
    {
        var grain = GrainId.Create("probe", "concurrent");
        var tables = new[] { _table, CreateTable("service-a"), CreateTable("service-a") };
        await Task.WhenAll(tables.Skip(1).Select(t => t.StartAsync()));

        var etags = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            Task.Run(() => tables[i % tables.Length].UpsertRow(Entry(i % 2 == 0 ? grain : GrainId.Create("probe", "c-" + i), "r", TimeSpan.FromMinutes(1))))));

        Assert.Equal(60, etags.Distinct().Count());
        Assert.Contains((await _table.ReadRow(grain, "r"))!.ETag, etags);
        Assert.Equal(31, (await _table.ReadRows(0, 0)).Reminders.Count);
    }

    [Fact]
    public void StartAsync_SwitchesTheFileToWriteAheadLogging()
    {
        // The database header records the journal format: bytes 18 and 19 are 2 in WAL mode, 1 in rollback mode.
        // (A pooled connection opened before the switch reports its stale mode until it next reads the file.)
        var header = new byte[20];
        using (var file = new FileStream(Path.Combine(_directory.Path, "reminders.db"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            file.ReadExactly(header);
        }

        Assert.Equal((2, 2), (header[18], header[19]));
    }

    [Fact]
    public async Task StartAsync_UnmigratedFile_FailsPointingAtTheMigration()
    {
        var table = CreateTable("service-a", _directory.ConnectionString("unmigrated.db"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => table.StartAsync());

        Assert.Contains("parity_orleans_reminder", error.Message, StringComparison.Ordinal);
        Assert.Contains("ParitySchema.MigrateAsync(SchemaDialect.Sqlite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operations_BeforeStart_AreRefused()
    {
        var table = CreateTable("service-a");

        await Assert.ThrowsAsync<InvalidOperationException>(() => table.ReadRows(0, 0));
    }

    private SqliteReminderTable CreateTable(string serviceId, string? connectionString = null) => new(
        Options.Create(new ClusterOptions { ClusterId = "reminder-tests", ServiceId = serviceId }),
        Options.Create(new SqliteReminderTableOptions { ConnectionString = connectionString ?? _connectionString }),
        NullLogger<SqliteReminderTable>.Instance);

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = StartAt,
        Period = period,
    };
}
