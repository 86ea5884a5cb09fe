using Parity.Runtime.Storage;

namespace Parity.Runtime.Inspection;

/// <summary>
/// Implemented by every grain (through <see cref="Grain"/>): a read-only view of one activation for operators —
/// its state as JSON and, for journaled grains, the last events with their lineage. Reached by grain id through
/// <see cref="IGrainInspectorGrain"/>; not meant for application calls.
/// </summary>
public interface IGrainInspection : IGrain
{
    /// <summary>The activation's state and up to <paramref name="maxEvents"/> of its latest journal events.</summary>
    /// <param name="maxEvents">How many events to return, newest last (0–1000).</param>
    Task<GrainInspection> InspectAsync(int maxEvents);
}

/// <summary>Inspects any grain by its id, from a silo or a client (a stateless worker, so the call is served locally
/// and then routed to the grain's owner).</summary>
public interface IGrainInspectorGrain : IGrainWithStringKey
{
    /// <summary>Inspects the grain <paramref name="grainId"/> (<c>type/key</c>), activating it if it is not active.</summary>
    /// <param name="grainId">The grain id, as <see cref="GrainId.ToString"/> writes it.</param>
    /// <param name="maxEvents">How many of its latest journal events to return.</param>
    Task<GrainInspection> InspectAsync(string grainId, int maxEvents);
}

/// <summary>One activation seen from outside.</summary>
/// <param name="GrainId">The grain.</param>
/// <param name="GrainClass">Its class name.</param>
/// <param name="Silo">The silo its activation runs on.</param>
/// <param name="Kind"><c>journaled</c>, <c>state</c> (one persistent state) or <c>grain</c> (no state the runtime knows).</param>
/// <param name="Version">Journal events raised (journaled grains).</param>
/// <param name="ConfirmedVersion">Journal events durable (journaled grains).</param>
/// <param name="StateJson">The state serialized as JSON, or null.</param>
/// <param name="Events">The latest journal events, oldest first.</param>
/// <param name="Calls">Calls the activation received.</param>
/// <param name="MailboxDepth">Requests waiting in its mailbox.</param>
public sealed record GrainInspection(string GrainId, string GrainClass, string Silo, string Kind, long? Version, long? ConfirmedVersion, string? StateJson,
    IReadOnlyList<InspectedEvent> Events, long Calls, int MailboxDepth);

/// <summary>One journal event of an inspected grain.</summary>
/// <param name="Sequence">Its position in the journal.</param>
/// <param name="EventType">Its type name.</param>
/// <param name="PayloadJson">The event as stored (JSON).</param>
/// <param name="Metadata">Its lineage: correlation, causation, source system and event id, time.</param>
public sealed record InspectedEvent(long Sequence, string EventType, string PayloadJson, EventMetadata Metadata);
