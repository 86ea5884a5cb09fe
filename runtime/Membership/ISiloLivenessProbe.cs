namespace Parity.Runtime.Membership;

/// <summary>
/// A faster death signal than missed heartbeats, where the store has one (PostgreSQL: a silo's session
/// advisory lock is released the moment its connection dies).
/// </summary>
public interface ISiloLivenessProbe
{
    /// <summary>Starts signalling that this silo is alive.</summary>
    Task AcquireAsync(SiloAddress self, CancellationToken cancellationToken = default);

    /// <summary>True when <paramref name="silo"/> certainly is no longer alive.</summary>
    Task<bool> IsDeadAsync(SiloAddress silo, CancellationToken cancellationToken = default);

    /// <summary>Stops signalling (graceful shutdown).</summary>
    Task ReleaseAsync(CancellationToken cancellationToken = default);
}
