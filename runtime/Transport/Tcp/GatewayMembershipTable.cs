using Parity.Runtime.Membership;

namespace Parity.Runtime.Transport.Tcp;

/// <summary>
/// A client's read-only membership source when it knows only some silo endpoints: asks the first one that
/// answers for its view (which names every Active silo with its generation, so placement matches the silos').
/// </summary>
internal sealed class GatewayMembershipTable(IReadOnlyList<(string Host, int Port)> gateways, TcpMessageTransport transport) : IMembershipTable
{
    public async Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        Exception? last = null;
        foreach (var (host, port) in gateways)
        {
            try
            {
                var view = await transport.QueryViewAsync(host, port, cancellationToken).ConfigureAwait(false);
                var now = DateTimeOffset.UnixEpoch;
                return new MembershipTableSnapshot(
                    view.ActiveSilos.Select(s => new MembershipEntry(s, SiloStatus.Active, s.Port, s.Host, now, now)).ToList(), view.Version);
            }
            catch (SiloUnavailableException e)
            {
                last = e;
            }
        }

        throw new SiloUnavailableException(string.Join(", ", gateways.Select(g => $"{g.Host}:{g.Port}")), "no gateway answered", last);
    }

    public Task<bool> TryWriteAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("A client does not write membership.");

    public Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("A client does not write membership.");
}
