using Parity.Runtime.State;

namespace Parity.Runtime;

/// <summary>A grain with one persistent state, read before <see cref="Grain.OnActivateAsync"/> (Orleans' Grain&lt;TState&gt;).</summary>
public abstract class Grain<TState> : Grain where TState : new()
{
    private PersistentState<TState>? _state;

    /// <summary>The name the state is stored under.</summary>
    protected virtual string StateName => "state";

    /// <summary>The grain's state.</summary>
    protected TState State
    {
        get => StateStorage.State;
        set => StateStorage.State = value;
    }

    /// <summary>The state with its ETag and storage operations.</summary>
    protected IPersistentState<TState> StateStorage => _state ?? throw new InvalidOperationException("State is available from OnActivateAsync on.");

    /// <summary>Reloads the state from storage.</summary>
    protected Task ReadStateAsync() => StateStorage.ReadStateAsync();

    /// <summary>Writes the state, conditional on the version this activation holds.</summary>
    protected Task WriteStateAsync() => StateStorage.WriteStateAsync();

    /// <summary>Deletes the stored state.</summary>
    protected Task ClearStateAsync() => StateStorage.ClearStateAsync();

    internal override Task<Inspection.GrainInspection> InspectCoreAsync(int maxEvents) =>
        Task.FromResult(CreateInspection("state", null, null, System.Text.Json.JsonSerializer.Serialize(State, ParityJson.Options), []));

    internal override Task OnLoadAsync(CancellationToken cancellationToken)
    {
        _state = new PersistentState<TState>(StateName, GrainId, Activation.Silo.GrainStorage);
        return _state.LoadAsync(cancellationToken);
    }
}
