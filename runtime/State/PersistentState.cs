using System.Text.Json;
using Parity.Runtime.Activation;
using Parity.Runtime.Storage;

namespace Parity.Runtime.State;

/// <summary>Binds one named state of one grain to the silo's <see cref="IGrainStorage"/>, as JSON.</summary>
internal sealed class PersistentState<TState> : IPersistentState<TState>, IPersistentStateLoader where TState : new()
{
    private readonly string _name;
    private readonly GrainId _grainId;
    private readonly IGrainStorage _storage;

    public PersistentState(string name, GrainId grainId, IGrainStorage storage)
    {
        _name = name;
        _grainId = grainId;
        _storage = storage;
    }

    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists => Etag is not null;

    public Task LoadAsync(CancellationToken cancellationToken) => ReadCoreAsync(cancellationToken);

    public Task ReadStateAsync() => ReadCoreAsync(CancellationToken.None);

    public async Task WriteStateAsync()
    {
        var payload = JsonSerializer.Serialize(State, ParityJson.Options);
        Etag = await _storage.WriteAsync(_name, _grainId, payload, Etag);
    }

    public async Task ClearStateAsync()
    {
        await _storage.ClearAsync(_name, _grainId, Etag);
        Etag = null;
        State = new TState();
    }

    private async Task ReadCoreAsync(CancellationToken cancellationToken)
    {
        var record = await _storage.ReadAsync(_name, _grainId, cancellationToken);
        if (record is null)
        {
            State = new TState();
            Etag = null;
            return;
        }

        State = JsonSerializer.Deserialize<TState>(record.Payload, ParityJson.Options) ?? new TState();
        Etag = record.ETag;
    }
}
