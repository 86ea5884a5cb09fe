using Parity.GrainInterfaces.StoreDays;
using Parity.Runtime;
using Parity.Runtime.Testing;
using Parity.StoreDays.Tests.Testing;
using static Parity.StoreDays.Tests.Testing.StoreDayClusterFixture;
using static Parity.StoreDays.Tests.Testing.Tickets;

namespace Parity.StoreDays.Tests.StoreDays;

/// <summary>Pending hand-offs live in the journal, not in the activation: a silo crash loses none of them.</summary>
public sealed class StoreDayRecoveryTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await StartClusterAsync(2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task PendingHandOff_SurvivesACrashOfItsSiloAndIsDeliveredByTheNewOwner()
    {
        var date = NewDate();
        var key = new StoreDayKey(CrashStore, date);
        var day = _cluster.GrainFactory.GetGrain<IStoreDayGrain>(key.ToString());
        RecordingPostingIntakeGrain.FailNext(CrashEntity, int.MaxValue);
        await day.SubmitBatchAsync(Batch("B-1", Ticket("T-1", "card", Sale("SKU-CRASH", 1, 10m, 1m))));
        var factId = $"pos-ticket:{key}:T-1";
        Assert.Equal([factId], (await day.GetAsync()).PendingPostings);
        var owner = _cluster.Silos.Single(s => s.Placement.IsLocalOwner(new GrainId("store-day", key.ToString())));

        await _cluster.KillSiloAsync(owner);
        RecordingPostingIntakeGrain.FailNext(CrashEntity, 0);

        await WaitUntilAsync(
            () => Task.FromResult(RecordingPostingIntakeGrain.FactsOf(CrashEntity).Any(f => f.FactId == factId)),
            "the survivor's reminder reactivates the day from its journal and hands the fact off");
        await WaitUntilAsync(async () => (await day.GetAsync()).PostedFacts.Contains(factId), "the hand-off is journaled");
        Assert.Empty((await day.GetAsync()).PendingPostings);
    }
}
