using System.Globalization;
using BenchmarkDotNet.Attributes;
using Parity.Providers.Journal;

namespace Parity.Providers.Benchmarks;

/// <summary>
/// One hot Orleans <c>JournaledGrain</c> on Parity's memory journal with 1 ms injected append latency, 64 concurrent
/// callers each adding 8 events one after another: group commit (reentrant grain, <c>RaiseEvent</c> then
/// <c>await ConfirmEvents()</c>) against one append per call (the same code on a non-reentrant grain). The same
/// shape as the old runtime's <c>Parity.Benchmarks.GroupCommitBenchmarks</c>.
/// </summary>
[MemoryDiagnoser]
public class GroupCommitBenchmarks
{
    private const int Callers = 64;
    private const int CallsPerCaller = 8;
    private BenchmarkSilo _silo = null!;
    private IGroupCommitCounterGrain _groupCommit = null!;
    private IPerCallCounterGrain _perCall = null!;
    private long _appendsAtStart;
    private long _eventsAtStart;

    [Params(1)]
    public int AppendLatencyMs { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _silo = await BenchmarkSilo.StartAsync(static o => o.Storage = ParityJournalStorage.Memory);
        _silo.Journal.AppendLatency = TimeSpan.FromMilliseconds(AppendLatencyMs);
        _groupCommit = _silo.GrainFactory.GetGrain<IGroupCommitCounterGrain>("hot");
        _perCall = _silo.GrainFactory.GetGrain<IPerCallCounterGrain>("hot");
        await _groupCommit.AddAsync(0);
        await _perCall.AddAsync(0);
        _appendsAtStart = _silo.Journal.Appends;
        _eventsAtStart = _silo.Journal.AppendedEvents;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        // BenchmarkDotNet runs each benchmark in its own process, so these counters are that benchmark's alone.
        var appends = _silo.Journal.Appends - _appendsAtStart;
        var events = _silo.Journal.AppendedEvents - _eventsAtStart;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"// journal counters: {events:N0} events in {appends:N0} appends = {(appends == 0 ? 0 : events / (double)appends):F1} events per append"));
        await _silo.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "one append per call", OperationsPerInvoke = Callers * CallsPerCaller)]
    public Task PerCallAppend() => RunAsync(static (self, i) => self._perCall.AddAsync(i));

    [Benchmark(Description = "group commit", OperationsPerInvoke = Callers * CallsPerCaller)]
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
