using BenchmarkDotNet.Attributes;

namespace Parity.Grains.Benchmarks;

/// <summary>
/// 256 concurrent callers, each making <see cref="CallsPerCaller"/> one-unit reservations against one position.
/// Read as decisions per second: one operation is one reservation decision (accepted or rejected).
/// </summary>
[MemoryDiagnoser]
public class HotPositionBenchmark
{
    private const int Callers = 256;
    private const int CallsPerCaller = 16;
    private HotPosition? _position;

    /// <summary>Injected latency of every journal append, in milliseconds.</summary>
    [Params(0, 1)]
    public int AppendLatencyMs { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _position = HotPosition.StartAsync(stock: 20_000, TimeSpan.FromMilliseconds(AppendLatencyMs), postgres: false).GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _position?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Callers * CallsPerCaller)]
    public Task ReserveConcurrently()
    {
        var position = _position!;
        var callers = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            callers[c] = Task.Run(async () =>
            {
                for (var i = 0; i < CallsPerCaller; i++)
                {
                    await position.ReserveOneAsync();
                }
            });
        }

        return Task.WhenAll(callers);
    }
}
