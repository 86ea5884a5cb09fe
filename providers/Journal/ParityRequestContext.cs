using Orleans.Runtime;

namespace Parity.Providers.Journal;

/// <summary>
/// Parity's lineage values in Orleans' <see cref="RequestContext"/>: set by the gateway (or any caller) before a grain
/// call, they flow with the call and every call it makes, and the journal records them on each raised event.
/// </summary>
/// <example>
/// A grain raising an event for a fact from another system, with explicit lineage:
/// <code>
/// using (ParityRequestContext.Scope(sourceSystem: "erp", sourceEventId: ack.Id, causationId: command.Id))
/// {
///     RaiseEvent(new PostingAcknowledged(ack.Id));
/// }
/// </code>
/// </example>
public static class ParityRequestContext
{
    /// <summary>The <see cref="RequestContext"/> key of the correlation id.</summary>
    public const string CorrelationIdKey = "parity.correlation-id";

    /// <summary>The <see cref="RequestContext"/> key of the causation id.</summary>
    public const string CausationIdKey = "parity.causation-id";

    /// <summary>The <see cref="RequestContext"/> key of the source system.</summary>
    public const string SourceSystemKey = "parity.source-system";

    /// <summary>The <see cref="RequestContext"/> key of the source event id.</summary>
    public const string SourceEventIdKey = "parity.source-event-id";

    /// <summary>The id that ties every event and log line of one channel request together; null removes it.</summary>
    public static string? CorrelationId
    {
        get => Get(CorrelationIdKey);
        set => Set(CorrelationIdKey, value);
    }

    /// <summary>The id of the command or event that caused the current work; null removes it.</summary>
    public static string? CausationId
    {
        get => Get(CausationIdKey);
        set => Set(CausationIdKey, value);
    }

    /// <summary>The system the current command came from (e.g. <c>shopify</c>, <c>pos</c>); null removes it.</summary>
    public static string? SourceSystem
    {
        get => Get(SourceSystemKey);
        set => Set(SourceSystemKey, value);
    }

    /// <summary>The source system's own id of the current command or event; null removes it.</summary>
    public static string? SourceEventId
    {
        get => Get(SourceEventIdKey);
        set => Set(SourceEventIdKey, value);
    }

    /// <summary>
    /// Sets source system, source event id and (when given) causation id until the result is disposed, then restores
    /// the previous values. Events raised inside the scope carry these values; calls made inside it pass them on.
    /// Dispose it in the same synchronous block or async method that created it.
    /// </summary>
    /// <param name="sourceSystem">The system the fact came from.</param>
    /// <param name="sourceEventId">That system's id for the fact.</param>
    /// <param name="causationId">The id of the command or event that caused it; null keeps the current causation id.</param>
    public static IDisposable Scope(string? sourceSystem, string? sourceEventId, string? causationId = null)
    {
        var restore = new LineageScope(SourceSystem, SourceEventId, CausationId);
        SourceSystem = sourceSystem;
        SourceEventId = sourceEventId;
        if (causationId is not null)
        {
            CausationId = causationId;
        }

        return restore;
    }

    /// <summary>The lineage of an event raised now, stamped with <paramref name="timestamp"/>.</summary>
    internal static EventMetadata Capture(DateTimeOffset timestamp)
        => new(CorrelationId, CausationId, SourceSystem, SourceEventId, timestamp);

    private static string? Get(string key) => RequestContext.Get(key) as string;

    private static void Set(string key, string? value)
    {
        if (value is null)
        {
            RequestContext.Remove(key);
        }
        else
        {
            RequestContext.Set(key, value);
        }
    }

    private sealed class LineageScope(string? sourceSystem, string? sourceEventId, string? causationId) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            SourceSystem = sourceSystem;
            SourceEventId = sourceEventId;
            CausationId = causationId;
        }
    }
}
