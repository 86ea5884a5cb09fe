namespace Parity.Providers.Tests.Schema;

public sealed class StateProbeGrain([PersistentState("probe", StateProbeGrain.StorageName)] IPersistentState<StateProbeState> state)
    : Grain, IStateProbeGrain
{
    public const string StorageName = "parity-adonet";

    public async Task WriteAsync(string value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
    }

    public Task<string?> ReadAsync() => Task.FromResult(state.State.Value);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
