using BenchmarkDotNet.Attributes;
using Parity.Runtime;
using Parity.Runtime.Testing;

namespace Parity.Benchmarks;

/// <summary>
/// Grain calls inside one silo: one call at a time (latency per call through the proxy, mailbox,
/// activation scheduler and reply), and 1,000 concurrent calls spread over 100 grains (throughput).
/// </summary>
[MemoryDiagnoser]
public class LocalCallBenchmarks
{
    private TestCluster _cluster = null!;
    private IEchoGrain _grain = null!;
    private IEchoGrain[] _grains = null!;
    private Task<int>[] _calls = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cluster = await TestCluster.StartAsync(1, o => o.GrainAssemblies.Add(typeof(EchoGrain).Assembly));
        var factory = _cluster.Silos[0].GrainFactory;
        _grain = factory.GetGrain<IEchoGrain>("one");
        _grains = Enumerable.Range(0, 100).Select(i => factory.GetGrain<IEchoGrain>("g" + i)).ToArray();
        _calls = new Task<int>[1000];
        await _grain.EchoAsync(0);
        await Task.WhenAll(_grains.Select(g => g.EchoAsync(0)));
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _cluster.DisposeAsync();

    [Benchmark(Description = "one call, awaited")]
    public Task<int> SingleCall() => _grain.EchoAsync(1);

    [Benchmark(Description = "1000 concurrent calls / 100 grains", OperationsPerInvoke = 1000)]
    public async Task ConcurrentCalls()
    {
        for (var i = 0; i < _calls.Length; i++)
        {
            _calls[i] = _grains[i % _grains.Length].EchoAsync(i);
        }

        await Task.WhenAll(_calls);
    }

    [Benchmark(Description = "GetGrain (proxy creation)")]
    public IEchoGrain CreateReference() => _cluster.Silos[0].GrainFactory.GetGrain<IEchoGrain>("one");
}
