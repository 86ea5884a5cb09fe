namespace Parity.Runtime.Storage;

/// <summary>A stored grain state and the ETag that a conditional write must present.</summary>
public sealed record GrainStateRecord(string Payload, string ETag);

/// <summary>
/// Whole-state storage for persistent grain state, with optimistic concurrency by ETag
/// (as Orleans' IGrainStorage).
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state, or null when none is stored.</summary>
    Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the state if the stored ETag equals <paramref name="expectedETag"/> (null: nothing stored yet)
    /// and returns the new ETag; otherwise throws <see cref="InconsistentStateException"/>.
    /// </summary>
    Task<string> WriteAsync(string stateName, GrainId grainId, string payload, string? expectedETag, CancellationToken cancellationToken = default);

    /// <summary>Removes the state under the same ETag condition as <see cref="WriteAsync"/>.</summary>
    Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default);
}
