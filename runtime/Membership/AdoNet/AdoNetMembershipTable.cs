using System.Data.Common;
using Parity.Runtime.Storage.AdoNet;

namespace Parity.Runtime.Membership.AdoNet;

/// <summary>
/// The membership table in PostgreSQL or SQLite (as Orleans' ADO.NET clustering): one row per silo
/// plus a version row per cluster. A status write bumps the version row only if it still holds the
/// version the writer read, in the same transaction as the silo row, so two silos declaring each
/// other dead cannot both win on a stale view. Heartbeats touch only the silo row.
/// </summary>
public sealed class AdoNetMembershipTable : IMembershipTable
{
    private const string SiloFilter = "cluster_id = @cluster_id AND host = @host AND port = @port AND generation = @generation";

    private readonly AdoNetDatabase _database;
    private readonly string _clusterId;

    /// <summary>Creates the table over an opened database, for the cluster named in its options.</summary>
    public AdoNetMembershipTable(AdoNetDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _clusterId = database.Options.ClusterId;
    }

    /// <inheritdoc />
    /// <remarks>Rows and version come from one snapshot. A cluster that was never written reads as version 0 with no rows.</remarks>
    public async Task<MembershipTableSnapshot> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var lease = await _database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await _database.Dialect.BeginSnapshotReadAsync(lease.Connection, cancellationToken).ConfigureAwait(false);
            long version;
            await using (var command = lease.Connection.CreateCommand(
                "SELECT version FROM parity_membership_version WHERE cluster_id = @cluster_id", transaction))
            {
                command.Add("cluster_id", _clusterId);
                var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                version = result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
            }

            var entries = new List<MembershipEntry>();
            await using (var command = lease.Connection.CreateCommand(
                "SELECT host, port, generation, status, gateway_port, host_name, start_time, i_am_alive_time " +
                "FROM parity_membership WHERE cluster_id = @cluster_id ORDER BY host, port, generation", transaction))
            {
                command.Add("cluster_id", _clusterId);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(new MembershipEntry(
                        new SiloAddress(reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2)),
                        (SiloStatus)reader.GetInt32(3),
                        reader.GetInt32(4),
                        reader.GetString(5),
                        _database.Dialect.ReadTime(reader, 6),
                        _database.Dialect.ReadTime(reader, 7)));
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new MembershipTableSnapshot(entries, version);
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed("Reading the membership table", ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> TryWriteAsync(MembershipEntry entry, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        try
        {
            await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);
            var connection = lease.Connection;
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            // The version row is created on first use, so no separate initialisation step can be forgotten.
            await using (var ensure = connection.CreateCommand(
                "INSERT INTO parity_membership_version (cluster_id, version) VALUES (@cluster_id, 0) ON CONFLICT (cluster_id) DO NOTHING", transaction))
            {
                ensure.Add("cluster_id", _clusterId);
                await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // On PostgreSQL a concurrent writer blocks on the row lock here and then re-checks the
            // version it finds, so exactly one of two writers with the same expected version wins.
            await using (var bump = connection.CreateCommand(
                "UPDATE parity_membership_version SET version = version + 1 WHERE cluster_id = @cluster_id AND version = @expected", transaction))
            {
                bump.Add("cluster_id", _clusterId);
                bump.Add("expected", expectedVersion);
                if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                    return false;
                }
            }

            await using (var upsert = connection.CreateCommand(
                "INSERT INTO parity_membership (cluster_id, host, port, generation, status, gateway_port, host_name, start_time, i_am_alive_time) " +
                "VALUES (@cluster_id, @host, @port, @generation, @status, @gateway_port, @host_name, @start_time, @alive) " +
                "ON CONFLICT (cluster_id, host, port, generation) DO UPDATE SET status = excluded.status, " +
                "gateway_port = excluded.gateway_port, host_name = excluded.host_name, start_time = excluded.start_time, " +
                "i_am_alive_time = excluded.i_am_alive_time", transaction))
            {
                AddSilo(upsert, entry.Silo);
                upsert.Add("status", (int)entry.Status);
                upsert.Add("gateway_port", entry.GatewayPort);
                upsert.Add("host_name", entry.HostName);
                upsert.Add("start_time", _database.Dialect.ToDbTime(entry.StartTime));
                upsert.Add("alive", _database.Dialect.ToDbTime(entry.IAmAliveTime));
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbException ex) when (_database.Dialect.IsWriteConflict(ex))
        {
            // Two first writers racing to create the version row: the loser simply lost this round.
            return false;
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Writing the membership row of {entry.Silo}", ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The silo has no row: it must be written with <see cref="TryWriteAsync"/> first.</exception>
    public async Task UpdateIAmAliveAsync(SiloAddress silo, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        int rows;
        try
        {
            await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Connection.CreateCommand(
                $"UPDATE parity_membership SET i_am_alive_time = @alive WHERE {SiloFilter}");
            AddSilo(command, silo);
            command.Add("alive", _database.Dialect.ToDbTime(at));
            rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Recording the heartbeat of {silo}", ex);
        }

        if (rows == 0)
        {
            throw new InvalidOperationException($"Silo {silo} has no row in the membership table of cluster '{_clusterId}'; its heartbeat was not recorded.");
        }
    }

    private void AddSilo(DbCommand command, SiloAddress silo)
    {
        command.Add("cluster_id", _clusterId);
        command.Add("host", silo.Host);
        command.Add("port", silo.Port);
        command.Add("generation", silo.Generation);
    }
}
