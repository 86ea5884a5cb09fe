using Microsoft.Data.Sqlite;
using Parity.Runtime;
using Parity.Runtime.Membership;
using Parity.Runtime.Membership.AdoNet;
using Parity.Runtime.Reminders;
using Parity.Runtime.Reminders.AdoNet;
using Parity.Runtime.Storage.AdoNet;

namespace Parity.Storage.Tests.AdoNet;

public sealed class SqliteContractTests : AdoNetContractTests
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parity-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    protected override AdoNetProvider Provider => AdoNetProvider.Sqlite;

    protected override Task<string> CreateConnectionStringAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.FromResult(AdoNetStorageOptions.ForSqliteFile(Path.Combine(_directory, "parity.db")).ConnectionString);
    }

    protected override Task CleanupAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task File_SurvivesCloseAndReopen()
    {
        var grain = new GrainId("order", "durable");
        var silo = new SiloAddress("127.0.0.1", 11111, 1);
        var due = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var database = await AdoNetDatabase.OpenAsync(AdoNetStorageOptions.ForSqliteFile(Path.Combine(_directory, "parity.db"))))
        {
            await using var journal = new AdoNetJournalStorage(database);
            await journal.AppendAsync(grain, 0, [Event(1), Event(2)]);
            await new AdoNetGrainStorage(database).WriteAsync("state", grain, """{"v":1}""", null);
            await new AdoNetReminderTable(database).UpsertAsync(new ReminderEntry(grain, "expire", due, TimeSpan.Zero, null));
            Assert.True(await new AdoNetMembershipTable(database).TryWriteAsync(
                new MembershipEntry(silo, SiloStatus.Active, 0, "h", due, due), 0));
        }

        SqliteConnection.ClearAllPools();
        await using (var reopened = await AdoNetDatabase.OpenAsync(AdoNetStorageOptions.ForSqliteFile(Path.Combine(_directory, "parity.db"))))
        {
            await using var journal = new AdoNetJournalStorage(reopened);
            Assert.Equal([Event(1), Event(2)], await journal.ReadAsync(grain, 0));
            Assert.Equal("""{"v":1}""", (await new AdoNetGrainStorage(reopened).ReadAsync("state", grain))!.Payload);
            Assert.Equal(due, Assert.Single(await new AdoNetReminderTable(reopened).ReadAsync(grain)).DueAt);
            var membership = await new AdoNetMembershipTable(reopened).ReadAllAsync();
            Assert.Equal(1, membership.Version);
            Assert.Equal(silo, Assert.Single(membership.Entries).Silo);
            await Assert.ThrowsAsync<InconsistentStateException>(() => journal.AppendAsync(grain, 1, [Event(2)]));
        }
    }

    [Fact]
    public async Task Open_UsesWriteAheadLogging()
    {
        await OpenAsync();

        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}
