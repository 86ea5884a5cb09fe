using System.Collections.Concurrent;
using System.Globalization;

namespace Parity.Runtime.Storage;

/// <summary>Grain state in process memory with ETag checks. For tests; nothing survives the process.</summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly ConcurrentDictionary<(string, GrainId), GrainStateRecord> _states = new();

    /// <inheritdoc />
    public Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
        => Task.FromResult(_states.TryGetValue((stateName, grainId), out var record) ? record : null);

    /// <inheritdoc />
    public Task<string> WriteAsync(string stateName, GrainId grainId, string payload, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var key = (stateName, grainId);
        lock (_states)
        {
            var current = _states.TryGetValue(key, out var record) ? record.ETag : null;
            if (current != expectedETag)
            {
                return Task.FromException<string>(new InconsistentStateException(
                    $"State '{stateName}' of {grainId} is at version {current ?? "(none)"}, not {expectedETag ?? "(none)"}.", current, expectedETag));
            }

            var next = ((current is null ? 0 : long.Parse(current, CultureInfo.InvariantCulture)) + 1).ToString(CultureInfo.InvariantCulture);
            _states[key] = new GrainStateRecord(payload, next);
            return Task.FromResult(next);
        }
    }

    /// <inheritdoc />
    public Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default)
    {
        var key = (stateName, grainId);
        lock (_states)
        {
            var current = _states.TryGetValue(key, out var record) ? record.ETag : null;
            if (current != expectedETag)
            {
                return Task.FromException(new InconsistentStateException(
                    $"State '{stateName}' of {grainId} is at version {current ?? "(none)"}, not {expectedETag ?? "(none)"}.", current, expectedETag));
            }

            _states.TryRemove(key, out _);
            return Task.CompletedTask;
        }
    }
}
