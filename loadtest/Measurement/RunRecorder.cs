namespace Parity.LoadTest.Measurement;

/// <summary>
/// Collects every finished request of one run, thread-safe, and keeps live counters for the progress display.
/// Samples are kept whole (a 20 s run at 5,000/s is 100,000 of them, 2.4 MB) so percentiles are exact.
/// </summary>
internal sealed class RunRecorder
{
    private readonly List<RequestSample> _samples = [];
    private readonly Lock _lock = new();
    private long _sent;
    private long _inFlight;
    private long _accepted;
    private long _rejected;
    private long _errors;

    /// <summary>Requests handed to the driver so far.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Requests sent and not answered yet.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Requests answered 2xx.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Requests refused (409).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Requests that failed.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Counts a request handed to the driver.</summary>
    public void Started()
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _inFlight);
    }

    /// <summary>Records a request that was started with <see cref="Started"/>.</summary>
    public void Completed(RequestSample sample)
    {
        Interlocked.Decrement(ref _inFlight);
        Record(sample);
    }

    /// <summary>Records a request that never reached the driver (the client's in-flight bound was full).</summary>
    public void Dropped(RequestSample sample)
    {
        Interlocked.Increment(ref _sent);
        Record(sample);
    }

    /// <summary>A copy of the samples so far.</summary>
    public RequestSample[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _samples];
        }
    }

    /// <summary>p99 of the requests that finished in the last <paramref name="window"/> seconds before <paramref name="now"/>.</summary>
    public double RecentP99(double now, double window)
    {
        List<double> recent = [];
        lock (_lock)
        {
            for (var i = _samples.Count - 1; i >= 0 && _samples[i].CompletedSeconds >= now - window; i--)
            {
                recent.Add(_samples[i].LatencyMs);
            }
        }

        return Percentiles.Summarise(recent).P99;
    }

    private void Record(RequestSample sample)
    {
        switch (sample.Outcome)
        {
            case RequestOutcome.Accepted:
                Interlocked.Increment(ref _accepted);
                break;
            case RequestOutcome.Rejected:
                Interlocked.Increment(ref _rejected);
                break;
            default:
                Interlocked.Increment(ref _errors);
                break;
        }

        lock (_lock)
        {
            _samples.Add(sample);
        }
    }
}
