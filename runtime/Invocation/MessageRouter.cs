using Parity.Runtime.Activation;
using Parity.Runtime.Hosting;
using Parity.Runtime.Placement;
using Parity.Runtime.Transport;

namespace Parity.Runtime.Invocation;

/// <summary>
/// Turns grain calls into messages and sends each to the grain's owning silo: locally when this silo
/// owns it, else through the transport. Applies the call timeout, bounded by the caller's own deadline.
/// </summary>
internal sealed class MessageRouter : IGrainCallInvoker
{
    private readonly GrainTypeRegistry _registry;
    private readonly PlacementService _placement;
    private readonly IMessageTransport _transport;
    private readonly TimeProvider _timeProvider;
    private readonly Func<TimeSpan> _callTimeout;
    private readonly Silo? _local;

    public MessageRouter(GrainTypeRegistry registry, PlacementService placement, IMessageTransport transport, TimeProvider timeProvider,
        Func<TimeSpan> callTimeout, Silo? local)
    {
        _registry = registry;
        _placement = placement;
        _transport = transport;
        _timeProvider = timeProvider;
        _callTimeout = callTimeout;
        _local = local;
    }

    public Task<object?> InvokeAsync(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        var ambient = RequestContext.Capture();
        var now = _timeProvider.GetUtcNow();
        var timeout = _callTimeout();
        var deadline = now + timeout;
        if (ambient?.Deadline is { } callerDeadline && callerDeadline < deadline)
        {
            deadline = callerDeadline;
            timeout = callerDeadline - now;
            if (timeout <= TimeSpan.Zero)
            {
                return Task.FromException<object?>(new GrainCallTimeoutException(grainId, method.Name, TimeSpan.Zero));
            }
        }

        var message = new Message(grainId, method, arguments, ambient, deadline);
        Route(message);
        var task = message.Completion.Task;
        return task.IsCompleted ? task : AwaitReplyAsync(message, timeout);
    }

    /// <summary>Sends a message to its grain's current owner.</summary>
    public void Route(Message message)
    {
        if (_local is not null && _registry.TryGetClass(message.Target.Type, out var classInfo) && classInfo.IsStatelessWorker)
        {
            _local.Catalog.Deliver(message);
            return;
        }

        var owner = _placement.PickOwner(message.Target);
        if (owner is not { } target)
        {
            message.Fail(new SiloUnavailableException("(cluster)", "no silo is active"));
        }
        else if (_local is not null && target == _local.Address)
        {
            _local.Catalog.Deliver(message);
        }
        else
        {
            _transport.Send(target, message);
        }
    }

    private async Task<object?> AwaitReplyAsync(Message message, TimeSpan timeout)
    {
        try
        {
            return await message.Completion.Task.WaitAsync(timeout, _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException) when (!message.Completion.Task.IsCompleted)
        {
            throw new GrainCallTimeoutException(message.Target, message.MethodName, timeout);
        }
    }
}
