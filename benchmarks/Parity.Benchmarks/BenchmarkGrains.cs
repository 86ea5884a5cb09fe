using System.Text.Json.Serialization;
using Parity.Runtime;
using Parity.Runtime.EventSourcing;

namespace Parity.Benchmarks;

public interface IEchoGrain : IGrainWithStringKey
{
    Task<int> EchoAsync(int value);
}

public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> EchoAsync(int value) => Task.FromResult(value);
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(Counted), "counted")]
public abstract record CounterEvent;

public sealed record Counted(int Amount) : CounterEvent;

public sealed class CounterState : IJournaledState<CounterEvent>
{
    public long Total { get; set; }

    public void Apply(CounterEvent @event) => Total += ((Counted)@event).Amount;
}

public interface IJournaledCounterGrain : IGrainWithStringKey
{
    Task<long> AddAsync(int amount);
}

/// <summary>Pipelined group commit: the turn ends at once; the runtime answers when the event is durable.</summary>
public sealed class GroupCommitCounterGrain : JournaledGrain<CounterState, CounterEvent>, IJournaledCounterGrain
{
    public Task<long> AddAsync(int amount)
    {
        RaiseEvent(new Counted(amount));
        return Task.FromResult(State.Total);
    }
}

public interface IPerCallCounterGrain : IGrainWithStringKey
{
    Task<long> AddAsync(int amount);
}

/// <summary>The baseline: every call waits for its own append inside its turn (one write per call).</summary>
public sealed class PerCallCounterGrain : JournaledGrain<CounterState, CounterEvent>, IPerCallCounterGrain
{
    public async Task<long> AddAsync(int amount)
    {
        RaiseEvent(new Counted(amount));
        await ConfirmEvents();
        return State.Total;
    }
}
