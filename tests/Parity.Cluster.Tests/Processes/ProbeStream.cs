using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Orleans.Runtime;
using Parity.GrainInterfaces.Operations;

namespace Parity.Cluster.Tests.Processes;

/// <summary>
/// One probe call as the caller saw it: times are offsets on the stream's clock; <paramref name="Rejections"/> counts the
/// attempts the cluster rejected before this outcome (only when the stream retries rejections).
/// </summary>
internal sealed record ProbeCall(string Ledger, string ProbeId, TimeSpan Started, TimeSpan Ended, ProbeReceipt? Receipt, Exception? Error, int Rejections = 0)
{
    /// <summary>The silo port of the silo that answered, read from the receipt's silo address.</summary>
    public int? AnsweredBySiloPort => Receipt is null ? null : ProbeStream.SiloPortOf(Receipt.Silo);
}

/// <summary>
/// A steady stream of journaled calls: <c>workers</c> callers, each recording a fresh probe id on a random ledger
/// out of <c>ledgers</c>, one call after another, until stopped. Every call's outcome is kept. Nothing is retried,
/// unless <c>retryRejections</c> asks to retry a call the cluster rejected (<see cref="OrleansMessageRejectionException"/>:
/// the request was turned away before any grain ran it), with a doubling back-off, up to <see cref="MaxAttempts"/> times in all.
/// </summary>
internal sealed partial class ProbeStream
{
    /// <summary>Attempts per call, the first included, when rejections are retried.</summary>
    public const int MaxAttempts = 5;

    // Back-off before the first retry, doubled each time (0.1 + 0.2 + 0.4 + 0.8 s in all): the rejecting silo's
    // grains need a moment to be registered elsewhere, and an immediate retry takes the same stale route.
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);

    private readonly IClusterClient _client;
    private readonly int _ledgers;
    private readonly bool _retryRejections;
    private readonly ConcurrentQueue<ProbeCall> _calls = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private long _succeeded;

    public ProbeStream(IClusterClient client, int ledgers, int workers, bool retryRejections = false)
    {
        _client = client;
        _ledgers = ledgers;
        _retryRejections = retryRejections;
        Clock = Stopwatch.StartNew();
        _workers = Enumerable.Range(0, workers).Select(w => Task.Run(() => WorkAsync(w))).ToArray();
    }

    public Stopwatch Clock { get; }

    public long Succeeded => Interlocked.Read(ref _succeeded);

    public IReadOnlyCollection<ProbeCall> Calls => _calls;

    public static string LedgerKey(int index) => "drill-" + index.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>
    /// The port in a silo address as a grain reports it (Orleans writes <c>S127.0.0.1:11111:123</c> or
    /// <c>127.0.0.1:11111@123</c>): each test silo has its own silo port, so the port names the silo.
    /// </summary>
    public static int? SiloPortOf(string siloAddress)
    {
        var match = SiloAddressPort().Match(siloAddress);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Waits until <paramref name="count"/> more calls have succeeded.</summary>
    public async Task WaitForSuccessesAsync(long count, TimeSpan timeout)
    {
        var target = Succeeded + count;
        var deadline = Clock.Elapsed + timeout;
        while (Succeeded < target)
        {
            if (Clock.Elapsed > deadline)
            {
                var failures = _calls.Where(c => c.Error is not null).Take(5).Select(c => c.Error!.GetType().Name + ": " + c.Error.Message);
                throw new TimeoutException($"Only {Succeeded} calls succeeded; waited for {target}. Failures: {string.Join("; ", failures)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Stops starting calls and waits for the calls in flight to end.</summary>
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
            for (var rejections = 0; ; rejections++)
            {
                try
                {
                    var receipt = await _client.GetGrain<IProbeLedgerGrain>(ledger).RecordAsync(probeId);
                    _calls.Enqueue(new ProbeCall(ledger, probeId, started, Clock.Elapsed, receipt, null, rejections));
                    Interlocked.Increment(ref _succeeded);
                    break;
                }
                catch (OrleansMessageRejectionException) when (_retryRejections && rejections + 1 < MaxAttempts)
                {
                    // Turned away unprocessed; the same probe id again (a probe is idempotent by its id anyway).
                    await Task.Delay(FirstRetryDelay * (1 << rejections));
                }
                catch (Exception e)
                {
                    _calls.Enqueue(new ProbeCall(ledger, probeId, started, Clock.Elapsed, null, e, rejections));
                    break;
                }
            }
        }
    }

    [GeneratedRegex(@"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}:(\d+)")]
    private static partial Regex SiloAddressPort();
}
