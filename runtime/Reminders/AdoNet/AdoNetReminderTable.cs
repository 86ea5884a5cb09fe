using System.Data.Common;
using Parity.Runtime.Storage.AdoNet;

namespace Parity.Runtime.Reminders.AdoNet;

/// <summary>
/// Durable reminders in PostgreSQL or SQLite, indexed by due time. Every write stores a fresh random
/// ETag, so of two silos firing one reminder only the first moves its due time, and a removed and
/// re-added reminder never matches an ETag from before.
/// </summary>
public sealed class AdoNetReminderTable : IReminderTable
{
    private const string Columns = "grain_type, grain_key, name, due_at, period_us, etag";

    private readonly AdoNetDatabase _database;

    /// <summary>Creates the reminder table over an opened database.</summary>
    public AdoNetReminderTable(AdoNetDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadDueAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken = default)
        => QueryAsync($"SELECT {Columns} FROM parity_reminder WHERE due_at <= @due ORDER BY due_at",
            command => command.Add("due", _database.Dialect.ToDbTime(dueBefore)), "Reading due reminders", cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ReminderEntry>> ReadAsync(GrainId grainId, CancellationToken cancellationToken = default)
        => QueryAsync($"SELECT {Columns} FROM parity_reminder WHERE grain_type = @grain_type AND grain_key = @grain_key ORDER BY name",
            command => command.AddGrain(grainId), $"Reading reminders of {grainId}", cancellationToken);

    /// <inheritdoc />
    /// <remarks><see cref="ReminderEntry.ETag"/> of <paramref name="entry"/> is ignored: an upsert always wins.</remarks>
    public async Task<string> UpsertAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrEmpty(entry.Name);
        ArgumentOutOfRangeException.ThrowIfLessThan(entry.Period, TimeSpan.Zero);
        var etag = NewETag();
        try
        {
            await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Connection.CreateCommand(
                $"INSERT INTO parity_reminder ({Columns}) VALUES (@grain_type, @grain_key, @name, @due, @period, @etag) " +
                "ON CONFLICT (grain_type, grain_key, name) DO UPDATE SET due_at = excluded.due_at, " +
                "period_us = excluded.period_us, etag = excluded.etag");
            command.AddGrain(entry.GrainId);
            command.Add("name", entry.Name);
            command.Add("due", _database.Dialect.ToDbTime(entry.DueAt));
            command.Add("period", SqlDialect.ToMicroseconds(entry.Period));
            command.Add("etag", etag);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return etag;
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Writing reminder '{entry.Name}' of {entry.GrainId}", ex);
        }
    }

    /// <inheritdoc />
    public async Task<string?> TryUpdateDueAsync(GrainId grainId, string name, DateTimeOffset dueAt, string expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(expectedETag);
        var etag = NewETag();
        try
        {
            await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Connection.CreateCommand(
                "UPDATE parity_reminder SET due_at = @due, etag = @etag " +
                "WHERE grain_type = @grain_type AND grain_key = @grain_key AND name = @name AND etag = @expected");
            command.AddGrain(grainId);
            command.Add("name", name);
            command.Add("due", _database.Dialect.ToDbTime(dueAt));
            command.Add("etag", etag);
            command.Add("expected", expectedETag);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? etag : null;
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Moving reminder '{name}' of {grainId}", ex);
        }
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(GrainId grainId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        try
        {
            await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Connection.CreateCommand(
                "DELETE FROM parity_reminder WHERE grain_type = @grain_type AND grain_key = @grain_key AND name = @name");
            command.AddGrain(grainId);
            command.Add("name", name);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Removing reminder '{name}' of {grainId}", ex);
        }
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");

    private async Task<IReadOnlyList<ReminderEntry>> QueryAsync(string sql, Action<DbCommand> bind, string operation, CancellationToken cancellationToken)
    {
        try
        {
            await using var lease = await _database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Connection.CreateCommand(sql);
            bind(command);
            var entries = new List<ReminderEntry>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(new ReminderEntry(
                    new GrainId(reader.GetString(0), reader.GetString(1)),
                    reader.GetString(2),
                    _database.Dialect.ReadTime(reader, 3),
                    SqlDialect.FromMicroseconds(reader.GetInt64(4)),
                    reader.GetString(5)));
            }

            return entries;
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed(operation, ex);
        }
    }
}
