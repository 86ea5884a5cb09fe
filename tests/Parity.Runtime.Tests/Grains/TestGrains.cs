using System.Text.Json.Serialization;
using Parity.Runtime.EventSourcing;

namespace Parity.Runtime.Tests.Grains;

public interface IProbeGrain : IGrainWithStringKey
{
    Task<int> EnterAsync(TimeSpan hold);

    [AlwaysInterleave]
    Task<int> PeekActiveAsync();

    Task BlockAsync(string gate);

    Task<string?> GetCorrelationIdAsync();

    Task<string> FailAsync(string message);

    Task<int> GetActivationCountAsync();

    Task<int> CallOtherAsync(string otherKey);

    Task<DateTimeOffset?> GetDeadlineAsync();

    Task<DateTimeOffset?> GetDeadlineViaAsync(string otherKey);
}

/// <summary>Records how many calls run inside it at once.</summary>
public sealed class ProbeGrain : Grain, IProbeGrain
{
    public static readonly Dictionary<string, TaskCompletionSource> Gates = [];
    private static int s_activations;
    private int _active;

    public static int MaxConcurrency;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_activations);
        return Task.CompletedTask;
    }

    public async Task<int> EnterAsync(TimeSpan hold)
    {
        var now = ++_active;
        InterlockedMax(ref MaxConcurrency, now);
        await Task.Delay(hold);
        _active--;
        return now;
    }

    public Task<int> PeekActiveAsync() => Task.FromResult(_active);

    public Task BlockAsync(string gate)
    {
        TaskCompletionSource tcs;
        lock (Gates)
        {
            if (!Gates.TryGetValue(gate, out tcs!))
            {
                Gates[gate] = tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return tcs.Task;
    }

    public Task<string?> GetCorrelationIdAsync() => Task.FromResult(RequestContext.CorrelationId);

    public Task<string> FailAsync(string message) => throw new InvalidOperationException(message);

    public Task<int> GetActivationCountAsync() => Task.FromResult(Volatile.Read(ref s_activations));

    public Task<int> CallOtherAsync(string otherKey) => GrainFactory.GetGrain<IProbeGrain>(otherKey).PeekActiveAsync();

    public Task<DateTimeOffset?> GetDeadlineAsync() => Task.FromResult(RequestContext.Deadline);

    public Task<DateTimeOffset?> GetDeadlineViaAsync(string otherKey) => GrainFactory.GetGrain<IProbeGrain>(otherKey).GetDeadlineAsync();

    public static void Release(string gate)
    {
        lock (Gates)
        {
            if (!Gates.TryGetValue(gate, out var tcs))
            {
                Gates[gate] = tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            tcs.TrySetResult();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

public interface IReentrantProbeGrain : IGrainWithStringKey
{
    Task<int> EnterAsync(TimeSpan hold);

    Task<int> GetMaxConcurrencyAsync();
}

[Reentrant]
public sealed class ReentrantProbeGrain : Grain, IReentrantProbeGrain
{
    private int _active;
    private int _max;

    public async Task<int> EnterAsync(TimeSpan hold)
    {
        _active++;
        _max = Math.Max(_max, _active);
        await Task.Delay(hold);
        _active--;
        return _max;
    }

    public Task<int> GetMaxConcurrencyAsync() => Task.FromResult(_max);
}

public interface ICycleGrain : IGrainWithStringKey
{
    Task<string> PingAsync(string? next, int hops);
}

/// <summary>Calls the next grain in a chain; with hops pointing back to itself it forms a cycle.</summary>
public sealed class CycleGrain : Grain, ICycleGrain
{
    public async Task<string> PingAsync(string? next, int hops)
    {
        if (next is null || hops == 0)
        {
            return Key;
        }

        // Alternate between this grain and the next: A -> B -> A.
        return await GrainFactory.GetGrain<ICycleGrain>(next).PingAsync(Key, hops - 1);
    }
}

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    Task<int> GetActivationsAsync();

    Task DeactivateAsync();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

/// <summary>A persistent counter that also counts its activations (to observe collection).</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> state) : Grain, ICounterGrain
{
    public static int Activations;
    public static int Deactivations;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Activations);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Deactivations);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Value);

    public Task<int> GetActivationsAsync() => Task.FromResult(Volatile.Read(ref Activations));

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface IShortLivedGrain : IGrainWithStringKey
{
    Task<int> TouchAsync();
}

/// <summary>A grain whose idle activations are collected after one minute, whatever the silo default.</summary>
[CollectionAgeLimit(1)]
public sealed class ShortLivedGrain : Grain, IShortLivedGrain
{
    private int _touches;

    public Task<int> TouchAsync() => Task.FromResult(++_touches);
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task<int> GetTicksAsync();

    Task DeactivateAsync();
}

public sealed class TimerGrain : Grain, ITimerGrain
{
    public static readonly Dictionary<string, int> TicksAfterDeactivation = [];
    private bool _deactivated;
    private int _ticks;

    public Task StartAsync(TimeSpan period)
    {
        RegisterGrainTimer(_ =>
        {
            _ticks++;
            if (_deactivated)
            {
                lock (TicksAfterDeactivation)
                {
                    TicksAfterDeactivation[Key] = TicksAfterDeactivation.GetValueOrDefault(Key) + 1;
                }
            }

            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> GetTicksAsync() => Task.FromResult(_ticks);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivated = true;
        return Task.CompletedTask;
    }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(Deposited), "deposited")]
[JsonDerivedType(typeof(Withdrawn), "withdrawn")]
public abstract record LedgerEvent;

public sealed record Deposited(int Amount, string Reference) : LedgerEvent;

public sealed record Withdrawn(int Amount, string Reference) : LedgerEvent;

public sealed class LedgerState : IJournaledState<LedgerEvent>
{
    public int Balance { get; set; }

    public List<string> References { get; set; } = [];

    public void Apply(LedgerEvent @event)
    {
        switch (@event)
        {
            case Deposited { Reference: "poison" }:
                throw new InvalidOperationException("The fold cannot apply this deposit.");
            case Deposited d:
                Balance += d.Amount;
                References.Add(d.Reference);
                break;
            case Withdrawn w:
                Balance -= w.Amount;
                References.Add(w.Reference);
                break;
        }
    }
}

public sealed record LedgerView(int Balance, IReadOnlyList<string> References, long Version, long ConfirmedVersion);

public interface ILedgerGrain : IGrainWithStringKey
{
    Task<long> DepositAsync(int amount, string reference);

    Task<bool> WithdrawAsync(int amount, string reference);

    Task<LedgerView> GetAsync();

    Task<IReadOnlyList<JournaledEvent<LedgerEvent>>> GetHistoryAsync();

    Task DeactivateAsync();
}

/// <summary>A journaled grain: every deposit is an event; withdrawals never overdraw.</summary>
[GrainType("ledger")]
public sealed class LedgerGrain : JournaledGrain<LedgerState, LedgerEvent>, ILedgerGrain
{
    protected override int SnapshotInterval => 10;

    public Task<long> DepositAsync(int amount, string reference)
    {
        RaiseEvent(new Deposited(amount, reference));
        return Task.FromResult(Version);
    }

    public Task<bool> WithdrawAsync(int amount, string reference)
    {
        if (State.Balance < amount)
        {
            return Task.FromResult(false);
        }

        RaiseEvent(new Withdrawn(amount, reference));
        return Task.FromResult(true);
    }

    public Task<LedgerView> GetAsync() => Task.FromResult(new LedgerView(State.Balance, State.References.ToArray(), Version, ConfirmedVersion));

    public Task<IReadOnlyList<JournaledEvent<LedgerEvent>>> GetHistoryAsync() => RetrieveConfirmedEvents(1, ConfirmedVersion);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface IWorkerGrain : IGrainWithStringKey
{
    Task<int> WorkAsync(TimeSpan hold);
}

[StatelessWorker(4)]
public sealed class WorkerGrain : Grain, IWorkerGrain
{
    private static int s_instances;
    private readonly int _id = Interlocked.Increment(ref s_instances);

    public async Task<int> WorkAsync(TimeSpan hold)
    {
        await Task.Delay(hold);
        return _id;
    }
}

public interface IRemindedGrain : IGrainWithStringKey
{
    Task RegisterAsync(TimeSpan due, TimeSpan period);

    Task<int> GetFiredAsync();
}

public sealed class RemindedGrain : Grain, IRemindedGrain, IRemindable
{
    public static readonly Dictionary<string, int> Fired = [];

    public Task RegisterAsync(TimeSpan due, TimeSpan period) => RegisterOrUpdateReminder("tick", due, period);

    public Task<int> GetFiredAsync()
    {
        lock (Fired)
        {
            return Task.FromResult(Fired.GetValueOrDefault(Key));
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        lock (Fired)
        {
            Fired[Key] = Fired.GetValueOrDefault(Key) + 1;
        }

        return Task.CompletedTask;
    }
}
