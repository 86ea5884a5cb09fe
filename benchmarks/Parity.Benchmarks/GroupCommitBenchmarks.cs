using BenchmarkDotNet.Attributes;
using Parity.Runtime.Testing;

namespace Parity.Benchmarks;

/// <summary>
/// One hot journaled grain on the memory store with 1 ms injected append latency, 64 concurrent callers
/// each adding 8 events one after another: pipelined group commit against one append per call.
/// </summary>
[MemoryDiagnoser]
public class GroupCommitBenchmarks
{
    private const int Callers = 64;
    private const int CallsPerCaller = 8;
    private TestCluster _cluster = null!;
    private IJournaledCounterGrain _groupCommit = null!;
    private IPerCallCounterGrain _perCall = null!;

    [Params(1)]
    public int AppendLatencyMs { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _cluster = await TestCluster.StartAsync(1, o =>
        {
            o.GrainAssemblies.Add(typeof(EchoGrain).Assembly);
            o.ConfigureOptions = s => s.JournalSnapshotInterval = 1_000_000;
        });
        _cluster.Storage.AppendLatency = TimeSpan.FromMilliseconds(AppendLatencyMs);
        var factory = _cluster.Silos[0].GrainFactory;
        _groupCommit = factory.GetGrain<IJournaledCounterGrain>("hot");
        _perCall = factory.GetGrain<IPerCallCounterGrain>("hot");
        await _groupCommit.AddAsync(0);
        await _perCall.AddAsync(0);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _cluster.DisposeAsync();

    [Benchmark(Baseline = true, Description = "one append per call", OperationsPerInvoke = Callers * CallsPerCaller)]
    public Task PerCallAppend() => RunAsync(static (self, i) => self._perCall.AddAsync(i));

    [Benchmark(Description = "pipelined group commit", OperationsPerInvoke = Callers * CallsPerCaller)]
    public Task GroupCommit() => RunAsync(static (self, i) => self._groupCommit.AddAsync(i));

    private Task RunAsync(Func<GroupCommitBenchmarks, int, Task<long>> call)
    {
        var callers = new Task[Callers];
        for (var c = 0; c < Callers; c++)
        {
            callers[c] = Caller(this, call);
        }

        return Task.WhenAll(callers);

        static async Task Caller(GroupCommitBenchmarks self, Func<GroupCommitBenchmarks, int, Task<long>> call)
        {
            for (var i = 0; i < CallsPerCaller; i++)
            {
                await call(self, 1);
            }
        }
    }
}
