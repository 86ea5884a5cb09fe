namespace Parity.Runtime;

/// <summary>
/// A grain's stored state with optimistic concurrency (Orleans' IPersistentState): read at activation,
/// written when the grain says so, conditional on <see cref="Etag"/>. A lost condition throws
/// <see cref="InconsistentStateException"/> and the activation is deactivated.
/// </summary>
public interface IPersistentState<TState>
{
    /// <summary>The state; a new instance when nothing is stored.</summary>
    TState State { get; set; }

    /// <summary>The version of the stored state this activation last read or wrote; null when nothing is stored.</summary>
    string? Etag { get; }

    /// <summary>True when a stored record exists.</summary>
    bool RecordExists { get; }

    /// <summary>Reloads the state from storage.</summary>
    Task ReadStateAsync();

    /// <summary>Writes the state if nobody else wrote since this activation's read or write.</summary>
    Task WriteStateAsync();

    /// <summary>Deletes the stored state under the same condition and resets <see cref="State"/>.</summary>
    Task ClearStateAsync();
}
