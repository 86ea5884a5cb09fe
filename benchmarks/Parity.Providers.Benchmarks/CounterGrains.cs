using System.Text.Json.Serialization;
using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Providers.Journal;

namespace Parity.Providers.Benchmarks;

/// <summary>What a benchmark counter journals.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(Counted), "counted")]
public abstract record CounterEvent;

/// <summary>The counter grew by <paramref name="Amount"/>.</summary>
public sealed record Counted(int Amount) : CounterEvent;

/// <summary>The fold of a counter's events.</summary>
public sealed class CounterState
{
    public long Total { get; set; }

    public void Apply(CounterEvent @event) => Total += ((Counted)@event).Amount;
}

/// <summary>A counter whose calls share appends (group commit).</summary>
public interface IGroupCommitCounterGrain : IGrainWithStringKey
{
    Task<long> AddAsync(int amount);
}

/// <summary>A counter whose every call waits for its own append.</summary>
public interface IPerCallCounterGrain : IGrainWithStringKey
{
    Task<long> AddAsync(int amount);
}

/// <summary>
/// Group commit as Parity's journaled grains do it: decide and raise synchronously, then await durability. Reentrant,
/// so the next callers' turns raise while an append is in flight and their events go into the next append together.
/// </summary>
[Reentrant]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class GroupCommitCounterGrain : JournaledGrain<CounterState, CounterEvent>, IGroupCommitCounterGrain
{
    public async Task<long> AddAsync(int amount)
    {
        RaiseEvent(new Counted(amount));
        await ConfirmEvents();
        return State.Total;
    }

    protected override void TransitionState(CounterState state, CounterEvent @event) => state.Apply(@event);
}

/// <summary>The baseline: the same code, not reentrant, so each call holds the grain until its own append is durable.</summary>
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class PerCallCounterGrain : JournaledGrain<CounterState, CounterEvent>, IPerCallCounterGrain
{
    public async Task<long> AddAsync(int amount)
    {
        RaiseEvent(new Counted(amount));
        await ConfirmEvents();
        return State.Total;
    }

    protected override void TransitionState(CounterState state, CounterEvent @event) => state.Apply(@event);
}
