using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Parity.GrainInterfaces.Operations;
using Parity.Runtime.Hosting;

namespace Parity.Cluster.Tests.Processes;

/// <summary>One probe call as the caller saw it: times are offsets on the stream's clock.</summary>
internal sealed record ProbeCall(string Ledger, string ProbeId, TimeSpan Started, TimeSpan Ended, ProbeReceipt? Receipt, Exception? Error);

/// <summary>
/// A steady stream of journaled calls: <c>workers</c> callers, each recording a fresh probe id on a random ledger
/// out of <c>ledgers</c>, one call after another, until stopped. Every call's outcome is kept.
/// </summary>
internal sealed class ProbeStream
{
    private readonly IClusterClient _client;
    private readonly int _ledgers;
    private readonly ConcurrentQueue<ProbeCall> _calls = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private long _succeeded;

    public ProbeStream(IClusterClient client, int ledgers, int workers)
    {
        _client = client;
        _ledgers = ledgers;
        Clock = Stopwatch.StartNew();
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w))).ToArray();
    }

    public Stopwatch Clock { get; }

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public IReadOnlyCollection<ProbeCall> Calls => _calls;

    public static string LedgerKey(int index) => "drill-" + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>Waits until <paramref name="count"/> more calls have succeeded.</summary>
    public async Task WaitForSuccessesAsync(long count, TimeSpan timeout)
    {
        var target = Succeeded + count;
        var deadline = Clock.Elapsed + timeout;
        while (Succeeded < target)
        {
            if (Clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Only {Succeeded} calls succeeded; waited for {target}. Failures: {string.Join("; ", _calls.Where(c => c.Error is not null).Take(5).Select(c => c.Error!.Message))}");
            }

            await Task.Delay(50);
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
    }

    private async Task WorkAsync(int worker)
    {
        var random = new Random(worker);
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var ledger = LedgerKey(random.Next(_ledgers));
            var probeId = string.Create(CultureInfo.InvariantCulture, $"w{worker}-{n}");
            var started = Clock.Elapsed;
            try
            {
                var receipt = await _client.GetGrain<IProbeLedgerGrain>(ledger).RecordAsync(probeId);
                _calls.Enqueue(new ProbeCall(ledger, probeId, started, Clock.Elapsed, receipt, null));
                Interlocked.Increment(ref _succeeded);
            }
            catch (Exception e)
            {
                _calls.Enqueue(new ProbeCall(ledger, probeId, started, Clock.Elapsed, null, e));
            }
        }
    }
}
