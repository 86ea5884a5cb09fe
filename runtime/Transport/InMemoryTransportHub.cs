using System.Collections.Concurrent;
using Parity.Runtime.Activation;
using Parity.Runtime.Hosting;
using Parity.Runtime.Membership;

namespace Parity.Runtime.Transport;

/// <summary>
/// The in-memory "network" of a single-process cluster. Every cross-silo call gets its own message copy
/// on the receiving side, so a killed silo's in-flight calls fail at once for their callers instead of
/// waiting for a timeout.
/// </summary>
public sealed class InMemoryTransportHub
{
    private readonly ConcurrentDictionary<SiloAddress, Silo> _silos = new();
    private readonly ConcurrentDictionary<SiloAddress, ConcurrentDictionary<Message, Message>> _pending = new();

    internal void Register(Silo silo) => _silos[silo.Address] = silo;

    internal void Unregister(SiloAddress address, string reason)
    {
        _silos.TryRemove(address, out _);
        if (_pending.TryRemove(address, out var pending))
        {
            var error = new SiloUnavailableException(address.ToString(), reason);
            foreach (var original in pending.Values)
            {
                original.Fail(error);
            }
        }
    }

    internal void Send(SiloAddress target, Message message)
    {
        if (!_silos.TryGetValue(target, out var silo))
        {
            message.Fail(new SiloUnavailableException(target.ToString(), "it is not reachable"));
            return;
        }

        var remote = new Message(message.Target, message.Method, message.Arguments, message.Context, message.Deadline)
        {
            ForwardCount = message.ForwardCount,
            SystemBody = message.SystemBody,
        };
        var pending = _pending.GetOrAdd(target, static _ => new ConcurrentDictionary<Message, Message>());
        pending[remote] = message;
        remote.Completion.Task.ContinueWith(static (task, state) =>
        {
            var (pending, remote, original) = ((ConcurrentDictionary<Message, Message>, Message, Message))state!;
            if (!pending.TryRemove(remote, out _))
            {
                return;
            }

            if (task.IsFaulted)
            {
                original.Completion.TrySetException(task.Exception!.InnerExceptions);
            }
            else if (task.IsCanceled)
            {
                original.Completion.TrySetCanceled();
            }
            else
            {
                original.Completion.TrySetResult(task.Result);
            }
        }, (pending, remote, message), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        silo.ReceiveRemote(remote);
    }
}

/// <summary>A client's attachment to an <see cref="InMemoryTransportHub"/>.</summary>
internal sealed class InMemoryTransport(InMemoryTransportHub hub) : IMessageTransport
{
    public void Send(SiloAddress target, Message message) => hub.Send(target, message);
}
