using Parity.GrainInterfaces.Inventory;
using Parity.Runtime;

namespace Parity.Dashboard.Tests.Testing;

/// <summary>A small flash sale: receipts on many positions (spread over every silo) and many more on one hot position,
/// until stopped.</summary>
public sealed class Load : IAsyncDisposable
{
    public const string HotKey = "SKU-HOT@STORE-1";

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private long _calls;

    private Load(IGrainFactory grains, int positions) => _running = Task.WhenAll(
        Task.Run(() => HotAsync(grains)), Task.Run(() => HotAsync(grains)), Task.Run(() => SpreadAsync(grains, positions)));

    public long Calls => Interlocked.Read(ref _calls);

    public static Load Start(IGrainFactory grains, int positions = 24) => new(grains, positions);

    private async Task HotAsync(IGrainFactory grains)
    {
        var hot = grains.GetGrain<IInventoryPositionGrain>(HotKey);
        while (!_stop.IsCancellationRequested)
        {
            await hot.ReceiveAsync("hot-" + Guid.NewGuid().ToString("N"), 1, null);
            Interlocked.Increment(ref _calls);
        }
    }

    private async Task SpreadAsync(IGrainFactory grains, int positions)
    {
        var i = 0;
        while (!_stop.IsCancellationRequested)
        {
            await grains.GetGrain<IInventoryPositionGrain>($"SKU-{i % positions}@STORE-2").ReceiveAsync("spread-" + i, 1, null);
            Interlocked.Increment(ref _calls);
            i++;
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }
}
