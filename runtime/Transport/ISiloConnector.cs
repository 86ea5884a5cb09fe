using Parity.Runtime.Hosting;

namespace Parity.Runtime.Transport;

/// <summary>A silo's attachment to the cluster's network: sends messages and, once started, receives them.</summary>
internal interface ISiloConnector : IMessageTransport
{
    /// <summary>Starts receiving messages for <paramref name="silo"/>; may choose the silo's port.</summary>
    Task StartAsync(Silo silo, CancellationToken cancellationToken);

    /// <summary>Stops receiving; calls in flight to this silo fail with a retryable error.</summary>
    Task StopAsync(Silo silo, string reason);
}

/// <summary>The in-memory network of a single-process cluster.</summary>
internal sealed class InMemorySiloConnector(InMemoryTransportHub hub) : ISiloConnector
{
    public void Send(Membership.SiloAddress target, Activation.Message message) => hub.Send(target, message);

    public Task StartAsync(Silo silo, CancellationToken cancellationToken)
    {
        hub.Register(silo);
        return Task.CompletedTask;
    }

    public Task StopAsync(Silo silo, string reason)
    {
        hub.Unregister(silo.Address, reason);
        return Task.CompletedTask;
    }
}
