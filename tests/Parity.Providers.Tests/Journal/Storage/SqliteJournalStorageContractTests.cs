using Microsoft.Data.Sqlite;
using Parity.Providers.Journal;
using Parity.Providers.Journal.AdoNet;

namespace Parity.Providers.Tests.Journal.Storage;

public sealed class SqliteJournalStorageContractTests : AdoNetJournalStorageContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parity-journal-" + Guid.NewGuid().ToString("N")[..12]);

    protected override ParityJournalStorage Storage => ParityJournalStorage.Sqlite;

    private string DatabasePath => Path.Combine(_directory, "journal.db");

    protected override Task<string> CreateDatabaseAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.FromResult(new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task File_SurvivesCloseAndReopen()
    {
        var grain = Grain("order", "durable");
        await using (var journal = new AdoNetJournalStorage(Storage, ConnectionString))
        {
            await journal.AppendAsync(grain, 0, [Event(1), Event(2)]);
            await journal.WriteSnapshotAsync(grain, new JournalSnapshot(2, """{"v":2}""", T0));
        }

        SqliteConnection.ClearAllPools();
        await using (var reopened = new AdoNetJournalStorage(Storage, ConnectionString))
        {
            Assert.Equal([Event(1), Event(2)], await reopened.ReadAsync(grain, 0));
            Assert.Equal(new JournalSnapshot(2, """{"v":2}""", T0), await reopened.ReadSnapshotAsync(grain));
            await Assert.ThrowsAsync<JournalConflictException>(() => reopened.AppendAsync(grain, 1, [Event(2)]));
        }
    }

    [Fact]
    public async Task Append_UsesWriteAheadLogging()
    {
        var journal = await CreateStorageAsync();
        await journal.AppendAsync(Grain("order", "wal"), 0, [Event(1)]);

        // Unpooled: an idle pooled connection from before the switch would still report its cached mode.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}
