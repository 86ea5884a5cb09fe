using Parity.Gateway.Security;
using Parity.Providers.Journal;

namespace Parity.Gateway.Requests;

/// <summary>Marks the point where a validated command starts acting on grains: from here its answer is an outcome
/// worth replaying, and its grain calls carry the channel as source system and the command's event id.</summary>
public static class GatewayCommand
{
    private static readonly object StartedKey = new();

    /// <summary>Starts the command. Call it synchronously from the endpoint so the Orleans RequestContext values flow on.</summary>
    /// <param name="context">The request.</param>
    /// <param name="sourceEventId">The channel's id of the command (event id, request id).</param>
    public static void Start(HttpContext context, string? sourceEventId)
    {
        ParityRequestContext.SourceSystem = context.User.ChannelId();
        ParityRequestContext.SourceEventId = sourceEventId;
        context.Items[StartedKey] = true;
    }

    /// <summary>Whether the request got past validation and acted.</summary>
    public static bool HasStarted(HttpContext context) => context.Items.ContainsKey(StartedKey);
}
