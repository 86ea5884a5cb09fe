using System.Text.Json.Serialization;
using Parity.Runtime;
using Parity.Runtime.EventSourcing;

namespace Parity.Cluster.Tests.Grains;

public interface ITallyGrain : IGrainWithStringKey
{
    Task<long> AddAsync(int amount, string reference);

    Task<TallyView> GetAsync();
}

public sealed record TallyView(int Total, IReadOnlyList<string> References, long Version, string Silo);

[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(TallyAdded), "added")]
public abstract record TallyEvent;

public sealed record TallyAdded(int Amount, string Reference) : TallyEvent;

public sealed class TallyState : IJournaledState<TallyEvent>
{
    public int Total { get; set; }

    public List<string> References { get; set; } = [];

    public void Apply(TallyEvent @event)
    {
        if (@event is TallyAdded added)
        {
            Total += added.Amount;
            References.Add(added.Reference);
        }
    }
}

/// <summary>A journaled grain: its state is only what its durable journal folds to.</summary>
[GrainType("tally")]
public sealed class TallyGrain : JournaledGrain<TallyState, TallyEvent>, ITallyGrain
{
    public Task<long> AddAsync(int amount, string reference)
    {
        RaiseEvent(new TallyAdded(amount, reference));
        return Task.FromResult(Version);
    }

    public Task<TallyView> GetAsync() => Task.FromResult(new TallyView(State.Total, State.References.ToArray(), Version, RuntimeIdentity));
}
