namespace Parity.Gateway.Requests;

/// <summary>
/// The moment the grain calls of the current channel request must have answered by (<c>Gateway:RequestTimeout</c> after
/// the request arrived), set by the gateway's first middleware and read by <see cref="RequestDeadlineCallFilter"/>.
/// Kept in the gateway's own async-local rather than Orleans' <c>RequestContext</c>: it bounds the gateway's waiting,
/// and need not travel with every call into the cluster.
/// </summary>
public static class RequestDeadline
{
    private static readonly AsyncLocal<DateTimeOffset?> s_current = new();

    /// <summary>The deadline of the request this code runs for, or null outside a request.</summary>
    public static DateTimeOffset? Current
    {
        get => s_current.Value;
        internal set => s_current.Value = value;
    }
}
