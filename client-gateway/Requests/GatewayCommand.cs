using Parity.Gateway.Security;
using Parity.Providers.Journal;

namespace Parity.Gateway.Requests;

/// <summary>Marks the point where a validated command starts acting on grains: from here its answer is an outcome
/// worth replaying, and its grain calls carry the channel as source system, the command's event id, and the command as
/// the causation of everything they raise.</summary>
public static class GatewayCommand
{
    private static readonly object StartedKey = new();

    /// <summary>Starts the command. Call it synchronously from the endpoint so the Orleans RequestContext values flow on.</summary>
    /// <param name="context">The request.</param>
    /// <param name="sourceEventId">The channel's id of the command (event id, request id, webhook id).</param>
    public static void Start(HttpContext context, string? sourceEventId)
    {
        ParityRequestContext.SourceSystem = context.User.ChannelId();
        ParityRequestContext.SourceEventId = sourceEventId;
        // What a request raises was caused by its command; one without an id of its own is named by the request's
        // correlation id (always set by RequestContextMiddleware), so no event is left without a cause.
        ParityRequestContext.CausationId = sourceEventId ?? ParityRequestContext.CorrelationId;
        context.Items[StartedKey] = true;
    }

    /// <summary>Whether the request got past validation and acted.</summary>
    public static bool HasStarted(HttpContext context) => context.Items.ContainsKey(StartedKey);
}
