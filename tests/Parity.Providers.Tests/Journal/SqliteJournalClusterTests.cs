using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Parity.Providers.Journal;
using Parity.Providers.Tests.Journal.Cluster;
using Parity.Providers.Tests.Journal.TestGrains;

namespace Parity.Providers.Tests.Journal;

/// <summary>
/// The journal provider on a SQLite file, with two independent clusters (A and B) over that one file: each believes
/// it owns every grain, as two silos do during a membership change.
/// </summary>
public sealed class SqliteJournalClusterTests(SqliteJournalClusterTests.Fixture fixture) : IClassFixture<SqliteJournalClusterTests.Fixture>
{
    private JournalCluster A => fixture.A;

    [Fact]
    public Task ConflictRace_TwoClustersOnOneFile_NoOversell_NoLostAcknowledgement_NoFork()
        => JournalScenarios.ConflictRaceAsync(fixture.A, fixture.B, "sqlite-race");

    [Fact]
    public Task GroupCommit_64ConcurrentCallers_AppendManyEventsAtOnce_AndAnswerEachCallerOnlyOnceDurable()
        => JournalScenarios.GroupCommitAsync(A, "sqlite-group-commit");

    [Fact]
    public Task AppendFailure_ReachesTheClientAsJournalWriteException_WritesNothing_AndTheGrainReloadsFromItsJournal()
        => JournalScenarios.AppendFailureAsync(A, "sqlite-append-failure");

    [Fact]
    public async Task Snapshots_EveryNEvents_AndANewActivationRestoresFromTheSnapshotPlusTheEventsAfterIt()
    {
        const string key = "sqlite-snapshots";
        var grain = A.Stock(key);
        var grainId = A.StockId(key);
        await grain.AddStockAsync(100);
        for (var i = 1; i <= 11; i++)
        {
            Assert.True(await grain.ReserveAsync($"s{i}"));
        }

        // Interval 5: snapshots at 5, then at 10 (or one or two later if the previous write was still running).
        JournalSnapshot? snapshot = null;
        await Deadline.WaitUntilAsync(async () => (snapshot = await A.Journal.ReadSnapshotAsync(grainId))?.Version >= 10, "a snapshot at version 10 or later");
        var snapshotState = JsonSerializer.Deserialize<StockState>(snapshot!.Payload, ParityJournal.DefaultJsonOptions)!;
        Assert.Equal(100, snapshotState.OnHand);
        Assert.Equal(Enumerable.Range(1, (int)snapshot.Version - 1).Select(i => $"s{i}"), snapshotState.Reservations);

        // Two more events after the snapshot: too few for another one.
        Assert.True(await grain.ReserveAsync("s12"));
        Assert.True(await grain.ReserveAsync("s13"));
        await grain.DeactivateAsync();

        var view = await grain.GetAsync();
        var stats = await grain.GetJournalStatsAsync();
        Assert.Equal(snapshot.Version, (await A.Journal.ReadSnapshotAsync(grainId))!.Version);
        Assert.Equal(snapshot.Version, stats["ActivationSnapshotVersion"]);
        Assert.Equal(14 - snapshot.Version, stats["ActivationReplayedEvents"]);
        Assert.Equal(14, view.Version);
        Assert.Equal(100, view.OnHand);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => $"s{i}"), view.Reservations);
    }

    [Fact]
    public async Task Lineage_FromTheClientsRequestContext_AndFromAnExplicitScope_LandsInTheJournalColumns()
    {
        const string key = "sqlite-lineage";
        var grain = A.Stock(key);
        await grain.AddStockAsync(5);

        A.Clock.Advance(TimeSpan.FromMinutes(7));
        var firstAt = A.Clock.GetUtcNow();
        ParityRequestContext.CorrelationId = "corr-77";
        ParityRequestContext.CausationId = "cmd-5";
        ParityRequestContext.SourceSystem = "pos";
        ParityRequestContext.SourceEventId = "pos-evt-9";
        try
        {
            Assert.True(await grain.ReserveAsync("lineage-1"));

            // The scope replaces source and causation for the events raised inside it; the correlation id flows on.
            A.Clock.Advance(TimeSpan.FromSeconds(3));
            ParityRequestContext.CorrelationId = "corr-78";
            Assert.True(await grain.ReserveFromSourceAsync("lineage-2", "erp", "erp-ack-3", "cause-4"));
        }
        finally
        {
            ParityRequestContext.CorrelationId = null;
            ParityRequestContext.CausationId = null;
            ParityRequestContext.SourceSystem = null;
            ParityRequestContext.SourceEventId = null;
        }

        var secondAt = A.Clock.GetUtcNow();
        var rows = await ReadJournalRowsAsync(fixture.ConnectionString, "test-stock", key);
        Assert.Equal(
        [
            new JournalRow(1, "StockAdded", null, null, null, null, JournalCluster.ClockStart),
            new JournalRow(2, "StockReserved", "corr-77", "cmd-5", "pos", "pos-evt-9", firstAt),
            new JournalRow(3, "StockReserved", "corr-78", "cause-4", "erp", "erp-ack-3", secondAt),
        ], rows);
    }

    [Fact]
    public async Task Coalescing_AppendsOfManyGrains_ShareOneWrite()
    {
        var writer = A.Writer!;
        var keys = Enumerable.Range(0, 50).Select(i => $"sqlite-coalesce-{i}").ToArray();
        var (batches, writes, appends) = (writer.Metrics.Batches, writer.Metrics.Writes, writer.Metrics.Appends);

        Task[] calls;
        using (writer.Pause())
        {
            calls = keys.Select(k => A.Stock(k).AddStockAsync(3)).ToArray();
            await Deadline.WaitUntilAsync(() => writer.QueueLength == keys.Length, "every grain's append is queued");
        }

        await Task.WhenAll(calls);
        Assert.Equal((1, 1, keys.Length), (writer.Metrics.Batches - batches, writer.Metrics.Writes - writes, writer.Metrics.Appends - appends));
        foreach (var key in keys)
        {
            Assert.Equal(3, (await A.ReadStockJournalAsync(key)).State.OnHand);
        }
    }

    [Fact]
    public async Task Metrics_CoalescedAppends_AreCountedOnTheParityJournalMeterOfTheirSilo()
    {
        // Only this silo's meter: cluster B and other test classes publish on meters of the same name.
        var meterFactory = A.Silo.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ParityJournal.MeterName && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        listener.Start();

        var writer = A.Writer!;
        var keys = Enumerable.Range(0, 20).Select(i => $"sqlite-metered-{i}").ToArray();
        Task[] calls;
        using (writer.Pause())
        {
            calls = keys.Select(k => A.Stock(k).AddStockAsync(2)).ToArray();
            await Deadline.WaitUntilAsync(() => writer.QueueLength == keys.Length, "every grain's append is queued");
        }

        await Task.WhenAll(calls);
        Assert.Equal(
            (1L, 1L, (long)keys.Length, (long)keys.Length, 0L),
            (Measured("parity.journal.writer.batches"), Measured("parity.journal.writes"), Measured("parity.journal.appends"),
                Measured("parity.journal.events"), Measured("parity.journal.writer.replays")));

        long Measured(string instrument) => measured.GetValueOrDefault(instrument);
    }

    [Fact]
    public async Task GrainTypeAndKey_AreTheOrleansGrainTypeAndKeyAsText()
    {
        await A.Stock("sqlite-naming/with:odd chars").AddStockAsync(1);

        var row = Assert.Single(await ReadJournalRowsAsync(fixture.ConnectionString, "test-stock", "sqlite-naming/with:odd chars"));
        Assert.Equal("StockAdded", row.EventType);
        Assert.Equal(GrainId.Create("test-stock", "sqlite-naming/with:odd chars"), A.StockId("sqlite-naming/with:odd chars"));
    }

    private static async Task<List<JournalRow>> ReadJournalRowsAsync(string connectionString, string grainType, string grainKey)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT sequence, event_type, correlation_id, causation_id, source_system, source_event_id, event_timestamp " +
            "FROM parity_journal WHERE grain_type = $type AND grain_key = $key ORDER BY sequence";
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$key", grainKey);
        var rows = new List<JournalRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            rows.Add(new JournalRow(reader.GetInt64(0), reader.GetString(1), Text(2), Text(3), Text(4), Text(5),
                DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(6) * TimeSpan.TicksPerMicrosecond)));
        }

        return rows;
    }

    private sealed record JournalRow(long Sequence, string EventType, string? CorrelationId, string? CausationId, string? SourceSystem, string? SourceEventId, DateTimeOffset Timestamp);

    public sealed class Fixture : IAsyncLifetime
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "parity-journal-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        private JournalCluster? _a;
        private JournalCluster? _b;

        public JournalCluster A => _a ?? throw new InvalidOperationException("Not started.");

        public JournalCluster B => _b ?? throw new InvalidOperationException("Not started.");

        public string ConnectionString { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_directory);
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "journal.db") }.ToString();
            await JournalSchema.ApplyAsync(ParityJournalStorage.Sqlite, ConnectionString);
            var started = await Task.WhenAll(
                JournalCluster.StartAsync(ParityJournalStorage.Sqlite, ConnectionString, snapshotInterval: 5),
                JournalCluster.StartAsync(ParityJournalStorage.Sqlite, ConnectionString, snapshotInterval: 5));
            (_a, _b) = (started[0], started[1]);
        }

        public async Task DisposeAsync()
        {
            foreach (var cluster in new[] { _a, _b })
            {
                if (cluster is not null)
                {
                    await cluster.DisposeAsync();
                }
            }

            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
