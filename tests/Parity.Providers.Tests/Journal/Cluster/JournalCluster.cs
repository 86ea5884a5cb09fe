using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using Parity.Providers.Journal;
using Parity.Providers.Journal.AdoNet;
using Parity.Providers.Tests.Journal.TestGrains;

namespace Parity.Providers.Tests.Journal.Cluster;

/// <summary>
/// One single-silo TestCluster on the Parity journal, with handles on its journal storage, fault injection, writer and
/// clock. Two of them on one database are two clusters that each believe they own every grain.
/// </summary>
public sealed class JournalCluster : IAsyncDisposable
{
    public const string StorageKey = "ParityTest:Journal:Storage";
    public const string ConnectionStringKey = "ParityTest:Journal:ConnectionString";
    public const string SnapshotIntervalKey = "ParityTest:Journal:SnapshotInterval";

    public static readonly DateTimeOffset ClockStart = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly TestCluster _cluster;

    private JournalCluster(TestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    public IServiceProvider Silo => _cluster.GetSiloServiceProvider();

    public FaultInjectingJournalStorage Faults => (FaultInjectingJournalStorage)Silo.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);

    /// <summary>The journal behind the fault injection: what is really stored.</summary>
    public IJournalStorage Journal => Faults.Inner;

    internal JournalAppendWriter? Writer => (Journal as AdoNetJournalStorage)?.Writer;

    public FakeTimeProvider Clock => (FakeTimeProvider)Silo.GetRequiredKeyedService<TimeProvider>(ParityJournal.ProviderName);

    public RecordingLoggerProvider Log => Silo.GetRequiredService<RecordingLoggerProvider>();

    public static async Task<JournalCluster> StartAsync(ParityJournalStorage storage, string connectionString = "", int snapshotInterval = 100)
    {
        var builder = new TestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[StorageKey] = storage.ToString();
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.Properties[SnapshotIntervalKey] = snapshotInterval.ToString(CultureInfo.InvariantCulture);
        builder.AddSiloBuilderConfigurator<JournalSiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new JournalCluster(cluster);
    }

    public IStockGrain Stock(string key) => Client.GetGrain<IStockGrain>(key);

    /// <summary>The stored events of a stock grain, folded as a fresh activation would.</summary>
    public async Task<(StockState State, IReadOnlyList<JournalEntry> Entries)> ReadStockJournalAsync(string key)
    {
        var entries = await Journal.ReadAsync(StockId(key), 0);
        var state = new StockState();
        foreach (var entry in entries)
        {
            state.Apply(JsonSerializer.Deserialize<StockEvent>(entry.Payload, ParityJournal.DefaultJsonOptions)!);
        }

        return (state, entries);
    }

    public GrainId StockId(string key) => Stock(key).GetGrainId();

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
