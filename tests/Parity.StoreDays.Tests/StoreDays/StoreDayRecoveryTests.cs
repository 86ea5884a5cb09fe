using Microsoft.Data.Sqlite;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Orleans.TestingHost;
using Parity.GrainInterfaces.StoreDays;
using Parity.Providers.Schema;
using Parity.StoreDays.Tests.Testing;
using static Parity.StoreDays.Tests.Testing.StoreDayClusterFixture;
using static Parity.StoreDays.Tests.Testing.StoreDaySiloOptions;
using static Parity.StoreDays.Tests.Testing.Tickets;

namespace Parity.StoreDays.Tests.StoreDays;

/// <summary>Pending hand-offs live in the journal, not in the activation: a silo crash loses none of them.</summary>
public sealed class StoreDayRecoveryTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "parity-storedays-" + Guid.NewGuid().ToString("N")[..12]);
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "parity.db") }.ConnectionString;
        await ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString);
        var builder = new TestClusterBuilder(2);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[DurableStoreDaySiloConfigurator.ConnectionStringKey] = connectionString;
        builder.AddSiloBuilderConfigurator<DurableStoreDaySiloConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task PendingHandOff_SurvivesACrashOfItsSiloAndIsDeliveredByTheNewOwner()
    {
        RecordingPostingIntakeGrain.FailNext(CrashEntity, int.MaxValue);

        // The primary silo holds the test cluster's membership and must not be killed: the day is placed on the other.
        var key = new StoreDayKey(CrashStore, NewDate());
        var day = _cluster.GrainFactory.GetGrain<IStoreDayGrain>(key.ToString());
        var owner = _cluster.GetActiveSilos().First(s => !ReferenceEquals(s, _cluster.Primary));
        RequestContext.Set(IPlacementDirector.PlacementHintKey, owner.SiloAddress);
        try
        {
            Assert.Empty((await day.GetAsync()).PendingPostings);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        Assert.True(_cluster.TryGetGrainContext(day.GetGrainId(), out var context));
        Assert.Equal(owner.SiloAddress, context!.Address.SiloAddress);
        await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale("SKU-CRASH", 1, 10m, 1m))));
        var factId = $"pos-ticket:{key}:T-1";
        Assert.Equal([factId], (await day.GetAsync()).PendingPostings);

        await _cluster.KillSiloAsync(owner);
        RecordingPostingIntakeGrain.FailNext(CrashEntity, 0);

        await WaitUntilAsync(
            () => Task.FromResult(RecordingPostingIntakeGrain.FactsOf(CrashEntity).Any(f => f.FactId == factId)),
            "the survivor's reminder reactivates the day from its journal and hands the fact off", timeoutSeconds: 30);
        Assert.DoesNotContain(_cluster.GetActiveSilos(), s => s.SiloAddress.Equals(owner.SiloAddress));
        await WaitUntilAsync(async () => (await day.GetAsync()).PostedFacts.Contains(factId), "the hand-off is journaled");
        Assert.Empty((await day.GetAsync()).PendingPostings);
    }
}
