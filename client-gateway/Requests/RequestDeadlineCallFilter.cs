using Orleans;

namespace Parity.Gateway.Requests;

/// <summary>
/// Bounds each grain call made for a channel request by the request's <see cref="RequestDeadline"/>: a call still
/// unanswered at the deadline fails with <see cref="TimeoutException"/> (answered 504: the change may or may not
/// have been applied), and no call starts past it. Calls made outside a request are untouched. AddParityGateway
/// registers it with the host's Orleans runtime (the co-hosting silo's or the gateway process's client); a host whose
/// gateway calls through another process's client adds it there (<c>AddOutgoingGrainCallFilter</c>).
/// </summary>
public sealed class RequestDeadlineCallFilter(TimeProvider timeProvider) : IOutgoingGrainCallFilter
{
    /// <inheritdoc />
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (RequestDeadline.Current is not { } deadline)
        {
            return context.Invoke();
        }

        var remaining = deadline - timeProvider.GetUtcNow();
        return remaining > TimeSpan.Zero
            ? context.Invoke().WaitAsync(remaining, timeProvider)
            : Task.FromException(new TimeoutException($"The request's deadline passed before {context.InterfaceName}.{context.MethodName} could start."));
    }
}
