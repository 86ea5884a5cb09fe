using Parity.Runtime.Activation;

namespace Parity.Runtime.Timers;

/// <summary>
/// A timer whose ticks are delivered as turns of its activation. A tick that finds the previous one still
/// queued or running is skipped, so a slow callback never piles up ticks.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly ActivationData _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly CancellationTokenSource _cancellation = new();
    private ITimer? _timer;
    private TimeSpan _dueTime;
    private TimeSpan _period;
    private int _tickPending;
    private volatile bool _disposed;

    public GrainTimer(ActivationData activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _dueTime = dueTime;
        _period = period;
    }

    public void Start()
    {
        if (!_disposed)
        {
            _timer = _activation.Silo.TimeProvider.CreateTimer(static s => ((GrainTimer)s!).OnTick(), this, _dueTime, _period);
        }
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        _dueTime = dueTime;
        _period = period;
        _timer?.Change(dueTime, period);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _timer?.Dispose();
        _cancellation.Cancel();
        _activation.RemoveTimer(this);
    }

    private void OnTick()
    {
        if (_disposed || Interlocked.Exchange(ref _tickPending, 1) == 1)
        {
            return;
        }

        var tick = new Message(_activation.GrainId, null, [], null, null) { SystemBody = _ => RunAsync() };
        if (!_activation.TryReceive(tick))
        {
            Dispose();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            if (!_disposed)
            {
                await _callback(_cancellation.Token);
            }
        }
        finally
        {
            Volatile.Write(ref _tickPending, 0);
        }
    }
}
