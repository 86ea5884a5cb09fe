namespace Parity.Runtime.EventSourcing;

/// <summary>A journaled grain's state that folds events itself.</summary>
public interface IJournaledState<in TEvent>
{
    /// <summary>Applies one event.</summary>
    void Apply(TEvent @event);
}

/// <summary>Explicit lineage for a raised event, when it does not come from the request context.</summary>
/// <param name="SourceSystem">The system the fact came from.</param>
/// <param name="SourceEventId">That system's id for it.</param>
/// <param name="CausationId">The id of the command or event that caused it.</param>
public sealed record EventSource(string? SourceSystem, string? SourceEventId, string? CausationId = null);

/// <summary>A confirmed event with its journal sequence and lineage.</summary>
/// <param name="Sequence">Its position in the journal.</param>
/// <param name="Event">The event.</param>
/// <param name="Metadata">Its lineage.</param>
public sealed record JournaledEvent<TEvent>(long Sequence, TEvent Event, Parity.Runtime.Storage.EventMetadata Metadata);
