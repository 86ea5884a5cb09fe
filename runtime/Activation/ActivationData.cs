using Microsoft.Extensions.Logging;
using Parity.Runtime.Hosting;
using Parity.Runtime.Invocation;
using Parity.Runtime.Timers;

namespace Parity.Runtime.Activation;

/// <summary>
/// One activation of a grain and its bounded mailbox. Guarantees: a non-reentrant grain runs one
/// request at a time from start to finish (awaits included); [Reentrant] grains and [AlwaysInterleave]
/// methods may interleave; grain code never runs on two threads at once (its own scheduler); a caller is
/// answered only after the events its turn raised are durable; the mailbox never exceeds its bound.
/// </summary>
internal sealed class ActivationData
{
    private readonly Lock _lock = new();
    private readonly Queue<Message> _waiting = new();
    private readonly List<Message> _forward = [];
    private readonly List<GrainTimer> _timers = [];
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ActivationState _state = ActivationState.Activating;
    private int _running;
    private bool _exclusiveRunning;
    private int _waitingRequests;
    private Func<Task>? _pendingReload;
    private DeactivationReason? _deactivationRequested;
    private long _lastActiveTimestamp;
    private long _calls;
    private long _callsAtLastSample;

    public ActivationData(GrainId grainId, GrainClassInfo classInfo, Silo silo)
    {
        GrainId = grainId;
        ClassInfo = classInfo;
        Silo = silo;
        Scheduler = new ActivationTaskScheduler();
        Logger = silo.LoggerFactory.CreateLogger(classInfo.ClassType);
        _lastActiveTimestamp = silo.TimeProvider.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public GrainClassInfo ClassInfo { get; }

    public Silo Silo { get; }

    public ActivationTaskScheduler Scheduler { get; }

    public ILogger Logger { get; }

    public Grain? Instance { get; private set; }

    public List<IPersistentStateLoader> PersistentStates { get; } = [];

    public bool IsValid => _state == ActivationState.Valid;

    public bool IsActivating => _state == ActivationState.Activating;

    public int MailboxDepth => Volatile.Read(ref _waitingRequests);

    public long Calls => Interlocked.Read(ref _calls);

    public Task Deactivated => _deactivated.Task;

    public long LastActiveTimestamp => Interlocked.Read(ref _lastActiveTimestamp);

    /// <summary>Starts activation: create the grain, load its state, run OnActivateAsync, then serve the mailbox.</summary>
    public void Activate() => Task.Factory.StartNew(static s => ((ActivationData)s!).ActivateAsync(), this, CancellationToken.None,
        TaskCreationOptions.DenyChildAttach, Scheduler);

    /// <summary>Calls received since the previous sample; the statistics divide by the silo-wide sampling interval, so a
    /// grain activated a moment ago does not look hotter than one that served all along.</summary>
    public long SampleCalls()
    {
        var calls = Calls;
        return calls - Interlocked.Exchange(ref _callsAtLastSample, calls);
    }

    /// <summary>Offers a message. False when this activation is gone; the caller then routes it afresh.</summary>
    public bool TryReceive(Message message)
    {
        lock (_lock)
        {
            switch (_state)
            {
                case ActivationState.Invalid:
                    return false;
                case ActivationState.Deactivating:
                    if (!message.IsSystem)
                    {
                        _forward.Add(message);
                    }

                    return true;
            }

            if (!message.IsSystem)
            {
                _calls++;
                _lastActiveTimestamp = Silo.TimeProvider.GetTimestamp();
            }

            if (_state == ActivationState.Valid && CanStartLocked(message))
            {
                StartLocked(message);
                return true;
            }

            if (!message.IsSystem)
            {
                if (IsExclusive(message) && message.Context is { } context && context.CallChain.Contains(GrainId))
                {
                    message.Fail(new DeadlockException(GrainId, context.CallChain));
                    return true;
                }

                var bound = Silo.Options.MailboxBound;
                if (_waitingRequests >= bound)
                {
                    Silo.StatisticsInternal.RecordOverload(this);
                    message.Fail(new GrainOverloadedException(GrainId, _waitingRequests, bound));
                    return true;
                }

                _waitingRequests++;
            }

            message.EnqueuedTimestamp = Silo.TimeProvider.GetTimestamp();
            _waiting.Enqueue(message);
            return true;
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period);
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                timer.Dispose();
                return timer;
            }

            _timers.Add(timer);
        }

        timer.Start();
        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    /// <summary>Asks for the grain's state to be reloaded from storage before the next turn starts.</summary>
    public void RequestReload(Func<Task> reload)
    {
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid)
            {
                return;
            }

            _pendingReload = reload;
            if (_running == 0)
            {
                StartReloadLocked();
            }
        }
    }

    /// <summary>Deactivates once no turn is running.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Invalid || _deactivationRequested is not null)
            {
                return;
            }

            _deactivationRequested = reason;
            if (_state == ActivationState.Valid && _running == 0)
            {
                BeginDeactivationLocked(reason);
            }
        }
    }

    /// <summary>True when the activation has been idle for at least <paramref name="age"/>.</summary>
    public bool IsIdleFor(TimeSpan age, long nowTimestamp)
    {
        lock (_lock)
        {
            return _state == ActivationState.Valid && _running == 0 && _waiting.Count == 0
                && Silo.TimeProvider.GetElapsedTime(_lastActiveTimestamp, nowTimestamp) >= age;
        }
    }

    /// <summary>Crash semantics for a killed silo: nothing more runs, queued callers learn the silo is gone.</summary>
    public void Abandon()
    {
        List<Message> dropped;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            dropped = [.. _waiting, .. _forward];
            _waiting.Clear();
            _forward.Clear();
            foreach (var timer in _timers.ToArray())
            {
                timer.Dispose();
            }

            _timers.Clear();
        }

        var error = new SiloUnavailableException(Silo.Address.ToString(), "the silo was killed");
        foreach (var message in dropped)
        {
            message.Fail(error);
        }

        _deactivated.TrySetResult();
    }

    private bool IsExclusive(Message message) => !ClassInfo.IsReentrant && !(message.Method?.AlwaysInterleave ?? false);

    private bool CanStartLocked(Message message)
    {
        if (_pendingReload is not null || _deactivationRequested is not null)
        {
            return false;
        }

        return !IsExclusive(message) || !_exclusiveRunning;
    }

    private void StartLocked(Message message)
    {
        _running++;
        if (IsExclusive(message))
        {
            _exclusiveRunning = true;
        }

        Task.Factory.StartNew(static s =>
        {
            var (activation, msg) = ((ActivationData, Message))s!;
            return activation.RunAsync(msg);
        }, (this, message), CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);
    }

    private void PumpLocked()
    {
        while (_state == ActivationState.Valid && _waiting.TryPeek(out var next) && CanStartLocked(next))
        {
            _waiting.Dequeue();
            if (!next.IsSystem)
            {
                _waitingRequests--;
            }

            StartLocked(next);
        }
    }

    private async Task RunAsync(Message message)
    {
        var silo = Silo;
        var start = silo.TimeProvider.GetTimestamp();
        if (message.Deadline is { } deadline && silo.TimeProvider.GetUtcNow() > deadline)
        {
            // Nobody waits for this answer any more; do not spend a turn on it.
            message.Fail(new GrainCallTimeoutException(GrainId, message.MethodName, silo.TimeProvider.GetElapsedTime(message.EnqueuedTimestamp)));
            OnTurnEnded(message);
            return;
        }

        var context = message.Context ?? CallContextData.Empty;
        RequestContext.Restore(context with { CallChain = context.CallChain.Add(GrainId) });
        using var activity = message.IsSystem || !Statistics.SiloStatistics.ActivitySource.HasListeners()
            ? null
            : Statistics.SiloStatistics.ActivitySource.StartActivity($"{ClassInfo.TypeName}/{message.MethodName}", System.Diagnostics.ActivityKind.Server);
        activity?.SetTag("parity.grain.id", GrainId.ToString());
        activity?.SetTag("parity.correlation_id", context.CorrelationId);
        object? result = null;
        Exception? error = null;
        try
        {
            if (message.SystemBody is { } body)
            {
                await body(Instance!);
            }
            else
            {
                result = await message.Method!.Invoker(Instance!, message.Arguments);
            }
        }
        catch (Exception e)
        {
            error = e;
        }

        Task? confirmation = null;
        try
        {
            confirmation = (Instance as IJournalParticipant)?.OnTurnEnded();
        }
        catch (Exception e)
        {
            error ??= e;
        }

        if (error is InconsistentStateException)
        {
            RequestDeactivation(DeactivationReason.InconsistentState);
        }

        OnTurnEnded(message);
        if (confirmation is not null)
        {
            try
            {
                await confirmation;
            }
            catch (Exception e)
            {
                error ??= e;
            }
        }

        RequestContext.Restore(null);
        if (error is not null)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error.Message);
        }

        if (!message.IsSystem)
        {
            silo.StatisticsInternal.RecordCall(ClassInfo.TypeName, message.MethodName, silo.TimeProvider.GetElapsedTime(start), error is not null);
        }
        else if (error is not null)
        {
            Logger.LogWarning(error, "Timer or system work of {GrainId} failed", GrainId);
        }

        if (error is null)
        {
            message.Completion.TrySetResult(result);
        }
        else
        {
            message.Completion.TrySetException(error);
        }
    }

    private void OnTurnEnded(Message message)
    {
        lock (_lock)
        {
            _running--;
            if (IsExclusive(message))
            {
                _exclusiveRunning = false;
            }

            AfterWorkLocked();
        }
    }

    private void AfterWorkLocked()
    {
        if (_running != 0 || _state != ActivationState.Valid)
        {
            PumpLocked();
            return;
        }

        if (_pendingReload is not null)
        {
            StartReloadLocked();
        }
        else if (_deactivationRequested is { } reason)
        {
            BeginDeactivationLocked(reason);
        }
        else
        {
            PumpLocked();
        }
    }

    private void StartReloadLocked()
    {
        var reload = _pendingReload!;
        _running++;
        _exclusiveRunning = true;
        Task.Factory.StartNew(async () =>
        {
            try
            {
                await reload();
                lock (_lock)
                {
                    _pendingReload = null;
                }
            }
            catch (Exception e)
            {
                Logger.LogWarning(e, "Reloading {GrainId} from storage failed; deactivating it", GrainId);
                lock (_lock)
                {
                    _pendingReload = null;
                    _deactivationRequested ??= DeactivationReason.InconsistentState;
                }
            }

            lock (_lock)
            {
                _running--;
                _exclusiveRunning = false;
                AfterWorkLocked();
            }
        }, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);
    }

    private async Task ActivateAsync()
    {
        try
        {
            Instance = Silo.GrainActivator.Create(this);
            Instance.Attach(this);
            using var cts = new CancellationTokenSource(Silo.Options.ActivationTimeout, Silo.TimeProvider);
            foreach (var state in PersistentStates)
            {
                await state.LoadAsync(cts.Token);
            }

            await Instance.OnLoadAsync(cts.Token);
            await Instance.OnActivateAsync(cts.Token);
            Silo.StatisticsInternal.RecordActivation(ClassInfo.TypeName, +1);
            lock (_lock)
            {
                _state = ActivationState.Valid;
                AfterWorkLocked();
            }
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Activation of {GrainId} failed", GrainId);
            List<Message> failed;
            lock (_lock)
            {
                _state = ActivationState.Invalid;
                failed = [.. _waiting];
                _waiting.Clear();
                _waitingRequests = 0;
                foreach (var timer in _timers.ToArray())
                {
                    timer.Dispose();
                }
            }

            Silo.Catalog.Remove(this);
            foreach (var message in failed)
            {
                message.Fail(e);
            }

            _deactivated.TrySetResult();
        }
    }

    private void BeginDeactivationLocked(DeactivationReason reason)
    {
        _state = ActivationState.Deactivating;
        _forward.AddRange(_waiting.Where(m => !m.IsSystem));
        _waiting.Clear();
        _waitingRequests = 0;
        foreach (var timer in _timers.ToArray())
        {
            timer.Dispose();
        }

        _timers.Clear();
        Task.Factory.StartNew(() => DeactivateAsync(reason), CancellationToken.None, TaskCreationOptions.DenyChildAttach, Scheduler);
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        try
        {
            using var cts = new CancellationTokenSource(Silo.Options.DeactivationTimeout, Silo.TimeProvider);
            await Instance!.OnDeactivateAsync(reason, cts.Token).WaitAsync(Silo.Options.DeactivationTimeout, Silo.TimeProvider);
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "OnDeactivateAsync of {GrainId} failed", GrainId);
        }

        if (Instance is IJournalParticipant journal)
        {
            try
            {
                await journal.FlushAsync();
            }
            catch (Exception e)
            {
                // Its callers already got the failure; the next activation reloads what is durable.
                Logger.LogDebug(e, "Final flush of {GrainId} failed", GrainId);
            }
        }

        List<Message> forward;
        lock (_lock)
        {
            _state = ActivationState.Invalid;
            forward = [.. _forward];
            _forward.Clear();
        }

        Silo.StatisticsInternal.RecordActivation(ClassInfo.TypeName, -1);
        Silo.Catalog.Remove(this);
        _deactivated.TrySetResult();
        foreach (var message in forward)
        {
            Silo.Router.Route(message);
        }
    }

    private enum ActivationState
    {
        Activating,
        Valid,
        Deactivating,
        Invalid,
    }
}

/// <summary>Implemented by grains whose turns raise journaled events (the group-commit hook).</summary>
internal interface IJournalParticipant
{
    /// <summary>Called when a turn ends: starts an append if none is in flight and returns a task that completes
    /// when everything raised so far is durable, or null when nothing is unconfirmed.</summary>
    Task? OnTurnEnded();

    /// <summary>Completes when every raised event is durable (or failed).</summary>
    Task FlushAsync();
}

/// <summary>A persistent state bound to an activation, loaded before OnActivateAsync.</summary>
internal interface IPersistentStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
