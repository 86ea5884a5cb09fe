using Microsoft.Extensions.DependencyInjection;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains;
using Parity.Grains.Items;
using Parity.Grains.StoreDays;
using Parity.Runtime;
using Parity.Runtime.Storage;
using Parity.Runtime.Testing;

namespace Parity.StoreDays.Tests.Testing;

/// <summary>A single-silo cluster with the real grains and the recording posting intake, shared by a test class.
/// Stores are configured here; each test isolates itself with its own business date and SKUs.</summary>
public sealed class StoreDayClusterFixture : IAsyncLifetime
{
    /// <summary>Posts per ticket to <see cref="TicketEntity"/>.</summary>
    public const string TicketStore = "STORE-TICKET";

    public const string TicketEntity = "LE-TICKET";

    /// <summary>Posts a summary (the default granularity) to <see cref="SummaryEntity"/>.</summary>
    public const string SummaryStore = "STORE-SUMMARY";

    public const string SummaryEntity = "LE-SUMMARY";

    /// <summary>Posts per ticket to <see cref="FlakyEntity"/>, which tests make fail.</summary>
    public const string FlakyStore = "STORE-FLAKY";

    public const string FlakyEntity = "LE-FLAKY";

    /// <summary>Posts per ticket to <see cref="CrashEntity"/>; for the silo-crash test.</summary>
    public const string CrashStore = "STORE-CRASH";

    public const string CrashEntity = "LE-CRASH";

    /// <summary>A SKU with a unit cost of 12.125 (a third decimal, so rounding shows).</summary>
    public const string CostedSku = "SKU-COSTED-A";

    /// <summary>A SKU with a unit cost of 7.</summary>
    public const string OtherCostedSku = "SKU-COSTED-B";

    private static int _nextDay;

    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.GrainFactory;

    public async Task InitializeAsync() => Cluster = await StartClusterAsync(1);

    /// <summary>Starts a cluster of <paramref name="silos"/> silos with the stores above configured.</summary>
    public static Task<TestCluster> StartClusterAsync(int silos) => TestCluster.StartAsync(silos, o =>
    {
        o.GrainAssemblies.Add(typeof(GrainsAssembly).Assembly);
        o.GrainAssemblies.Add(typeof(StoreDayClusterFixture).Assembly);
        o.ConfigureOptions = s => s.ReminderPollPeriod = TimeSpan.FromMilliseconds(100);
        o.ConfigureSilo = silo =>
        {
            silo.Services.Configure<StoreDayOptions>(options =>
            {
                options.RetryPeriod = TimeSpan.FromMilliseconds(300);
                options.Stores[TicketStore] = new StoreDayStoreOptions { PostingGranularity = PostingGranularity.PerTicket, LegalEntity = TicketEntity };
                options.Stores[SummaryStore] = new StoreDayStoreOptions { LegalEntity = SummaryEntity, Currency = "EUR" };
                options.Stores[FlakyStore] = new StoreDayStoreOptions { PostingGranularity = PostingGranularity.PerTicket, LegalEntity = FlakyEntity };
                options.Stores[CrashStore] = new StoreDayStoreOptions { PostingGranularity = PostingGranularity.PerTicket, LegalEntity = CrashEntity };
            });
            silo.Services.Configure<ItemCostOptions>(costs =>
            {
                costs.UnitCosts[CostedSku] = 12.125m;
                costs.UnitCosts[OtherCostedSku] = 7m;
            });
        };
    });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

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

    public int JournalLength(string grainType, string key) =>
        ((MemoryJournalStorage)Cluster.Journal).GetEntries(new GrainId(grainType, key)).Count;

    public int DayJournalLength(string store, DateOnly date) => JournalLength("store-day", new StoreDayKey(store, date).ToString());

    public int PositionJournalLength(PositionKey key) => JournalLength("inventory-position", key.ToString());

    /// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string because, int timeoutSeconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time: {because}.");
            }

            await Task.Delay(20);
        }
    }
}
