using Parity.Providers.Journal;

namespace Parity.Grains.Journaling;

/// <summary>
/// Where the events a grain is about to raise came from, when that is not simply the current call: a field left null
/// keeps the value the call carries in <see cref="ParityRequestContext"/>.
/// </summary>
/// <param name="SourceSystem">The system the fact came from (e.g. <c>parity</c> for the grain's own timers).</param>
/// <param name="SourceEventId">That system's id for the fact.</param>
/// <param name="CausationId">The command or event that caused it.</param>
internal sealed record EventSource(string? SourceSystem, string? SourceEventId, string? CausationId = null)
{
    /// <summary>Sets this lineage on the request context until disposed; events raised meanwhile record it.</summary>
    public IDisposable Scope() => ParityRequestContext.Scope(
        SourceSystem ?? ParityRequestContext.SourceSystem,
        SourceEventId ?? ParityRequestContext.SourceEventId,
        CausationId);
}
