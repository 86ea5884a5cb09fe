namespace Parity.Runtime.Membership;

/// <summary>One silo's row in the membership table.</summary>
/// <param name="Silo">The silo.</param>
/// <param name="Status">Its status.</param>
/// <param name="GatewayPort">The port clients connect to, or 0 when it serves no clients.</param>
/// <param name="HostName">Machine name, for operators.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="IAmAliveTime">Its last heartbeat.</param>
public sealed record MembershipEntry(
    SiloAddress Silo,
    SiloStatus Status,
    int GatewayPort,
    string HostName,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime);

/// <summary>The table's content at one version. Every change bumps <see cref="Version"/>.</summary>
public sealed record MembershipTableSnapshot(IReadOnlyList<MembershipEntry> Entries, long Version);

/// <summary>
/// The membership table (as Orleans' IMembershipTable): silo rows plus a version row. Writes that
/// change a status are conditional on the table version, so concurrent writers cannot lose updates.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Reads every row and the table version.</summary>
    Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces <paramref name="entry"/> if the table version is still
    /// <paramref name="expectedVersion"/>, bumping it; false when another writer came first.
    /// </summary>
    Task<bool> TryWriteAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Records a heartbeat; does not bump the version.</summary>
    Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken = default);
}
