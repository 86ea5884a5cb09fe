using Parity.Providers.Tests.Schema;

namespace Parity.Providers.Tests.Storage;

public sealed class TranslatedStateGrain([PersistentState("probe", TranslatedStateGrain.StorageName)] IPersistentState<StateProbeState> state)
    : Grain, ITranslatedStateGrain
{
    public const string StorageName = "parity-adonet-translated";

    public async Task WriteAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }
}

public sealed class RawStateGrain([PersistentState("probe", RawStateGrain.StorageName)] IPersistentState<StateProbeState> state)
    : Grain, IRawStateGrain
{
    public const string StorageName = "parity-adonet-raw";

    public async Task WriteAsync(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }
}
