namespace Parity.Runtime.Membership.AdoNet;

/// <summary>Membership's liveness probe over <see cref="PostgresSiloLivenessLock"/>: a silo whose session
/// advisory lock nobody holds is dead, whatever its last heartbeat says.</summary>
internal sealed class PostgresLivenessProbe(string connectionString) : ISiloLivenessProbe, IAsyncDisposable
{
    private readonly PostgresSiloLivenessLock _lock = new(connectionString);

    public Task AcquireAsync(SiloAddress self, CancellationToken cancellationToken = default) => _lock.AcquireAsync(self, cancellationToken);

    public async Task<bool> IsDeadAsync(SiloAddress silo, CancellationToken cancellationToken = default)
        => !await PostgresSiloLivenessLock.IsHeldAsync(connectionString, silo, cancellationToken).ConfigureAwait(false);

    public Task ReleaseAsync(CancellationToken cancellationToken = default) => _lock.ReleaseAsync(cancellationToken);

    public ValueTask DisposeAsync() => _lock.DisposeAsync();
}
