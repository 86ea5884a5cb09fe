using System.Collections.Concurrent;
using System.Text.Json;
using Npgsql;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using Parity.Grains.Tests.Testing;
using Parity.Providers.Journal;
using Parity.Providers.Schema;
using Parity.TestInfrastructure;
using static Parity.Grains.Tests.Inventory.Policies;
using static Parity.Grains.Tests.Testing.InventoryCluster;

namespace Parity.Grains.Tests.Inventory;

/// <summary>
/// Split views: two independent clusters over one journal database each hold an activation of the same position, as
/// two silos may during a membership change. Correctness must not depend on the cluster view: no oversell, no lost
/// acknowledgement, and the activation that lost the race answers its callers with a retryable error.
/// </summary>
[Collection(PostgresServerFixture.CollectionName)]
public sealed class InventoryPositionJournalRaceTests(PostgresServerFixture postgres)
{
    private const int Stock = 40;
    private const int CallersPerCluster = 8;

    [Fact]
    public async Task TwoActivationsInTwoClusters_ReserveConcurrently_NoOversell_NoLostAcknowledgement_LoserGetsRetryableConflict()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("grains_race")) { MaxPoolSize = 20 }.ConnectionString;
        await ParitySchema.MigrateAsync(SchemaDialect.PostgreSql, connectionString);
        await using var a = await StartClusterAsync("race-a", connectionString);
        await using var b = await StartClusterAsync("race-b", connectionString);
        var key = NewKey();
        var policy = Standard();
        var positionA = await a.Cluster.NewPositionAsync(key, policy, Stock);
        var positionB = b.Cluster.GrainFactory.GetGrain<IInventoryPositionGrain>(key.ToString());
        var acknowledged = new ConcurrentDictionary<string, ReservationOutcome>(StringComparer.Ordinal);
        var failures = new ConcurrentBag<Exception>();

        // B's activation reads the journal now; A then writes, so B's next decision is made on a stale state.
        Assert.Equal(Stock, (await positionB.GetPositionAsync()).Figures.OnHand);
        var first = await positionA.ReserveAsync(Request(key, "a-first", Web, 1));
        Assert.True(first.IsAccepted);
        acknowledged[first.RequestId] = first;
        var stale = await Assert.ThrowsAsync<JournalWriteException>(() => positionB.ReserveAsync(Request(key, "b-stale", Web, 1)));
        Assert.True(stale.IsConflict, stale.Message);
        Assert.True(stale.IsRetryable);
        Assert.Equal(GrainIdOf(key), stale.GrainId);

        // Both clusters sell until their activation, deciding on durable state, says the stock is gone.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        async Task CallerAsync(IInventoryPositionGrain position, string name)
        {
            for (var i = 0; ; i++)
            {
                timeout.Token.ThrowIfCancellationRequested();
                try
                {
                    var outcome = await position.ReserveAsync(Request(key, $"{name}-{i}", Web, 1));
                    if (!outcome.IsAccepted)
                    {
                        Assert.Equal(RejectionReason.InsufficientStock, outcome.Reason);
                        return;
                    }

                    acknowledged[outcome.RequestId] = outcome;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add(e);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, CallersPerCluster).SelectMany(i => new[]
        {
            Task.Run(() => CallerAsync(positionA, $"a{i}")),
            Task.Run(() => CallerAsync(positionB, $"b{i}")),
        }));

        // Every failure is the retryable journal error; none is anything else.
        Assert.All(failures, f => Assert.True(f is JournalWriteException { IsRetryable: true }, f.ToString()));

        // No oversell: what callers were told, and what the journal says.
        Assert.True(acknowledged.Values.Sum(o => o.Quantity) <= Stock, $"{acknowledged.Count} reservations acknowledged for a stock of {Stock}.");
        var (folded, sequences) = await ReadJournalAsync(a.Cluster, key);
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        Assert.Empty(InventoryInvariants.Check(folded, policy));
        Assert.Equal(Stock, folded.OnHand);
        Assert.Equal(Stock, folded.Reserved);

        // No lost acknowledgement, and nothing unacknowledged: the journal holds exactly the acknowledged reservations.
        var stored = folded.Reservations.ToDictionary(r => r.RequestId, StringComparer.Ordinal);
        Assert.Equal(acknowledged.Keys.Order(StringComparer.Ordinal), stored.Keys.Order(StringComparer.Ordinal));
        Assert.All(acknowledged.Values, o => Assert.Equal(o.ReservationId, stored[o.RequestId].Id));

        // Retried on the loser, the failed request is decided against the durable state, and an acknowledged one
        // returns its original answer: both clusters agree with the journal.
        var retried = await WithRetryAsync(() => positionB.ReserveAsync(Request(key, "b-stale", Web, 1)));
        Assert.Equal((ReservationStatus.Rejected, RejectionReason.InsufficientStock), (retried.Status, retried.Reason!.Value));
        Assert.Equal(first, await WithRetryAsync(() => positionB.ReserveAsync(Request(key, "a-first", Web, 1))));
        Assert.Equal((Stock, Stock), ((await positionB.GetPositionAsync()).Figures.OnHand, (await positionB.GetPositionAsync()).Figures.Reserved));
    }

    private static async Task<RaceCluster> StartClusterAsync(string name, string connectionString)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ClusterId = $"{name}-{Guid.NewGuid():N}";
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[SharedJournalSiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<SharedJournalSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new RaceCluster(cluster);
    }

    private static async Task<(InventoryPositionState State, IReadOnlyList<long> Sequences)> ReadJournalAsync(TestCluster cluster, PositionKey key)
    {
        var journal = await cluster.Journal().ReadAsync(GrainIdOf(key), 0);
        var state = new InventoryPositionState(key);
        foreach (var entry in journal)
        {
            state.Apply(JsonSerializer.Deserialize<InventoryEvent>(entry.Payload, ParityJournal.DefaultJsonOptions)!);
        }

        return (state, journal.Select(e => e.Sequence).ToList());
    }

    private static async Task<T> WithRetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (JournalWriteException) when (attempt < 3)
            {
                // Retryable by contract: the next attempt reaches an activation loaded afresh from the journal.
            }
        }
    }

    private sealed class RaceCluster(TestCluster cluster) : IAsyncDisposable
    {
        public TestCluster Cluster => cluster;

        public async ValueTask DisposeAsync()
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }
}
