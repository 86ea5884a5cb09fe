using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Parity.Gateway.Tests.Testing;
using Parity.Gateway.Validation;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.StoreDays;

namespace Parity.Gateway.Tests.StoreDays;

/// <summary>
/// A gateway with two POS channels (north: STORE-N1 and STORE-N2; south: STORE-S1), a 64 KiB body limit and a catalog
/// that does not know SKUs starting with <c>UNKNOWN</c> or the store STORE-404. Tests isolate themselves with their own
/// business date and SKUs.
/// </summary>
public sealed class PosGatewayFixture : IAsyncLifetime
{
    public const string NorthKey = "test-pos-north-0001";
    public const string SouthKey = "test-pos-south-0001";
    public const string NorthStore = "STORE-N1";
    public const string SouthStore = "STORE-S1";
    public const int BodyLimit = 64 * 1024;

    private static int _nextDay;

    public GatewayHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await GatewayHost.StartAsync(o =>
    {
        var next = GatewayHost.KeySettings.Keys.Count(k => k.EndsWith(":Key", StringComparison.Ordinal));
        AddKey(o.Settings, next, NorthKey, "pos-north");
        AddKey(o.Settings, next + 1, SouthKey, "pos-south");
        o.Settings["Gateway:StoreDays:Channels:pos-north:0"] = NorthStore;
        o.Settings["Gateway:StoreDays:Channels:pos-north:1"] = "STORE-N2";
        o.Settings["Gateway:StoreDays:Channels:pos-south:0"] = SouthStore;
        o.Settings["Gateway:MaxRequestBodyBytes"] = BodyLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        o.ConfigureServices = s => s.AddSingleton<ICatalogCheck>(new Catalog());
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>A business date no other test of the run uses.</summary>
    public static string NewDate() => new DateOnly(2026, 3, 1).AddDays(Interlocked.Increment(ref _nextDay)).ToString("yyyy-MM-dd");

    /// <summary>A sample from StoreDays/Samples with its placeholders filled in.</summary>
    public static string Sample(string name, string date, string skuA, string skuB) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "StoreDays", "Samples", name))
            .Replace("${DATE}", date, StringComparison.Ordinal)
            .Replace("${SKU_A}", skuA, StringComparison.Ordinal)
            .Replace("${SKU_B}", skuB, StringComparison.Ordinal);

    public Task<int> DayJournalLengthAsync(string store, string date) =>
        Host.JournalLengthAsync(GrainId.Create("store-day", $"{store}:{date}"));

    public Task<StoreDayView> DayAsync(string store, string date) =>
        Host.Grains.GetGrain<IStoreDayGrain>($"{store}:{date}").GetAsync();

    public async Task<int> OnHandAsync(PositionKey position) =>
        (await Host.Grains.GetGrain<IInventoryPositionGrain>(position.ToString()).GetPositionAsync()).Figures.OnHand;

    private static void AddKey(Dictionary<string, string?> settings, int index, string key, string channel)
    {
        settings[$"Gateway:ApiKeys:{index}:Key"] = key;
        settings[$"Gateway:ApiKeys:{index}:Channel"] = channel;
        settings[$"Gateway:ApiKeys:{index}:Scopes:0"] = "pos:write";
        settings[$"Gateway:ApiKeys:{index}:Scopes:1"] = "pos:read";
    }

    private sealed class Catalog : ICatalogCheck
    {
        public ValueTask<CatalogVerdict> CheckAsync(IReadOnlyCollection<PositionKey> positions, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new CatalogVerdict(
                positions.Select(p => p.Sku).Where(s => s.StartsWith("UNKNOWN", StringComparison.Ordinal)).Distinct().ToList(),
                positions.Select(p => p.LocationId).Where(l => l == "STORE-404").Distinct().ToList()));
    }
}
