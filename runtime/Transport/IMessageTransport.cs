using Parity.Runtime.Activation;
using Parity.Runtime.Membership;

namespace Parity.Runtime.Transport;

/// <summary>Carries a message to another silo and its outcome back into the message's completion.
/// A target that is dead or unreachable fails the message with <see cref="SiloUnavailableException"/>.</summary>
internal interface IMessageTransport
{
    void Send(SiloAddress target, Message message);
}
