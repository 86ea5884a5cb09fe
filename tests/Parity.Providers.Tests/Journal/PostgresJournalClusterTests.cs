using Npgsql;
using Parity.Providers.Journal;
using Parity.Providers.Tests.Journal.Cluster;
using Parity.TestInfrastructure;

namespace Parity.Providers.Tests.Journal;

/// <summary>The journal provider on PostgreSQL, with two independent clusters over one database.</summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class PostgresJournalClusterTests(PostgresJournalClusterTests.Fixture fixture) : IClassFixture<PostgresJournalClusterTests.Fixture>
{
    // The throwaway server trusts every login, so this password is never checked: it is there to be kept out of the logs.
    private const string Password = "journal-test-secret-5f3a";

    [Fact]
    public Task ConflictRace_TwoClustersOnOneDatabase_NoOversell_NoLostAcknowledgement_NoFork()
        => JournalScenarios.ConflictRaceAsync(fixture.A, fixture.B, "postgres-race");

    [Fact]
    public Task GroupCommit_64ConcurrentCallers_AppendManyEventsAtOnce_AndAnswerEachCallerOnlyOnceDurable()
        => JournalScenarios.GroupCommitAsync(fixture.A, "postgres-group-commit");

    [Fact]
    public Task AppendFailure_ReachesTheClientAsJournalWriteException_WritesNothing_AndTheGrainReloadsFromItsJournal()
        => JournalScenarios.AppendFailureAsync(fixture.A, "postgres-append-failure");

    [Fact]
    public void SiloLog_ShowsTheJournalOptions_WithoutThePassword()
    {
        var lines = fixture.A.Log.Lines;

        Assert.Contains(lines, l => l.Contains("ParityJournalOptions", StringComparison.Ordinal) && l.Contains("password=***", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.Contains(Password, StringComparison.Ordinal));
    }

    public sealed class Fixture(PostgresServerFixture postgres) : IAsyncLifetime
    {
        private JournalCluster? _a;
        private JournalCluster? _b;

        public JournalCluster A => _a ?? throw new InvalidOperationException("Not started.");

        public JournalCluster B => _b ?? throw new InvalidOperationException("Not started.");

        public async Task InitializeAsync()
        {
            var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("journalcluster"))
            {
                Password = Password,
                MaxPoolSize = 20,
            }.ConnectionString;
            await JournalSchema.ApplyAsync(ParityJournalStorage.PostgreSql, connectionString);
            var started = await Task.WhenAll(
                JournalCluster.StartAsync(ParityJournalStorage.PostgreSql, connectionString, snapshotInterval: 5),
                JournalCluster.StartAsync(ParityJournalStorage.PostgreSql, connectionString, snapshotInterval: 5));
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
        }
    }
}
