using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.StoreDays;
using Parity.Providers.Journal;

namespace Parity.StoreDays.Tests.Testing;

/// <summary>A single-silo cluster with the real grains and the recording posting intake, shared by the tests of the
/// <see cref="StoreDayClusterCollection"/>. Stores are configured in <see cref="StoreDaySiloOptions"/>; each test isolates
/// itself with its own business date and SKUs.</summary>
public sealed class StoreDayClusterFixture : IAsyncLifetime
{
    private static int _nextDay;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    private IServiceProvider Silo => (Cluster.Primary as InProcessSiloHandle ?? throw new InvalidOperationException("The cluster has no in-process primary silo.")).SiloHost.Services;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.AddSiloBuilderConfigurator<StoreDaySiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>A business date no other test of the run uses.</summary>
    public static DateOnly NewDate() => new DateOnly(2026, 1, 1).AddDays(Interlocked.Increment(ref _nextDay));

    public IStoreDayGrain Day(string store, DateOnly date) => Grains.GetGrain<IStoreDayGrain>(new StoreDayKey(store, date).ToString());

    /// <summary>A fresh SKU with <paramref name="onHand"/> units at <paramref name="store"/>.</summary>
    public async Task<PositionKey> NewPositionAsync(string store, int onHand)
    {
        var key = new PositionKey($"SKU-{Guid.NewGuid():N}"[..16], store);
        if (onHand > 0)
        {
            await Position(key).ReceiveAsync("initial-receipt", onHand, "PO-0");
        }

        return key;
    }

    public IInventoryPositionGrain Position(PositionKey key) => Grains.GetGrain<IInventoryPositionGrain>(key.ToString());

    public async Task<int> OnHandAsync(PositionKey key) => (await Position(key).GetPositionAsync()).Figures.OnHand;

    /// <summary>The number of events in a grain's stored journal.</summary>
    public async Task<int> JournalLengthAsync(string grainType, string key) =>
        (await Silo.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName).ReadAsync(GrainId.Create(grainType, key), 0)).Count;

    public Task<int> DayJournalLengthAsync(string store, DateOnly date) => JournalLengthAsync("store-day", new StoreDayKey(store, date).ToString());

    public Task<int> PositionJournalLengthAsync(PositionKey key) => JournalLengthAsync("inventory-position", key.ToString());

    /// <summary>The names of the reminders a grain has in the silo's reminder table.</summary>
    public async Task<IReadOnlyList<string>> RemindersAsync(string grainType, string key) =>
        (await Silo.GetRequiredService<IReminderTable>().ReadRows(GrainId.Create(grainType, key))).Reminders.Select(r => r.ReminderName).ToList();

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 10)
    {
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > TimeSpan.FromSeconds(timeoutSeconds))
            {
                throw new TimeoutException($"Condition not met in time: {because}.");
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>The test classes that share <see cref="StoreDayClusterFixture"/>'s cluster.</summary>
[CollectionDefinition(Name)]
public sealed class StoreDayClusterCollection : ICollectionFixture<StoreDayClusterFixture>
{
    public const string Name = "Store-day cluster";
}
