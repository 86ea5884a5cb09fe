using System.Data.Common;
using System.Globalization;

namespace Parity.Runtime.Storage.AdoNet;

/// <summary>
/// Whole grain state in PostgreSQL or SQLite with the row version as ETag. The first write inserts
/// (a concurrent first write loses on the primary key); later writes update only the version they
/// read. A cleared state keeps a tombstone row so versions, and so ETags, are never reused.
/// </summary>
public sealed class AdoNetGrainStorage : IGrainStorage
{
    private const string KeyFilter = "state_name = @state_name AND grain_type = @grain_type AND grain_key = @grain_key";

    private readonly AdoNetDatabase _database;

    /// <summary>Creates the grain storage over an opened database.</summary>
    public AdoNetGrainStorage(AdoNetDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <inheritdoc />
    public async Task<GrainStateRecord?> ReadAsync(string stateName, GrainId grainId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        try
        {
            await using var lease = await _database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Connection.CreateCommand(
                $"SELECT payload, version FROM parity_grain_state WHERE {KeyFilter} AND payload IS NOT NULL");
            AddKey(command, stateName, grainId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new GrainStateRecord(reader.GetString(0), ToETag(reader.GetInt64(1)))
                : null;
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Reading state '{stateName}' of {grainId}", ex);
        }
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(string stateName, GrainId grainId, string payload, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentNullException.ThrowIfNull(payload);
        long? expected = null;
        if (expectedETag is not null)
        {
            // An ETag this provider never issued cannot match anything stored.
            expected = TryParseETag(expectedETag, out var parsed)
                ? parsed
                : throw await ConflictAsync(stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
        }

        long? version;
        try
        {
            await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);

            // Insert first and let the key decide; a tombstone (cleared state) may be taken over.
            var sql = expected is null
                ? "INSERT INTO parity_grain_state (state_name, grain_type, grain_key, payload, version) " +
                  "VALUES (@state_name, @grain_type, @grain_key, @payload, 1) " +
                  "ON CONFLICT (state_name, grain_type, grain_key) DO UPDATE SET payload = excluded.payload, " +
                  "version = parity_grain_state.version + 1 WHERE parity_grain_state.payload IS NULL RETURNING version"
                : $"UPDATE parity_grain_state SET payload = @payload, version = version + 1 WHERE {KeyFilter} " +
                  "AND version = @expected AND payload IS NOT NULL RETURNING version";
            await using var command = lease.Connection.CreateCommand(sql);
            AddKey(command, stateName, grainId);
            command.AddJson(_database.Dialect, "payload", payload);
            if (expected is not null)
            {
                command.Add("expected", expected.Value);
            }

            var result = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            version = result is null or DBNull ? null : Convert.ToInt64(result, CultureInfo.InvariantCulture);
        }
        catch (DbException ex) when (!_database.Dialect.IsWriteConflict(ex))
        {
            throw AdoNetErrors.Failed($"Writing state '{stateName}' of {grainId}", ex);
        }
        catch (DbException)
        {
            version = null;
        }

        return version is { } written
            ? ToETag(written)
            : throw await ConflictAsync(stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ClearAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        if (expectedETag is null)
        {
            // Nothing expected: succeed when nothing is stored, as if the clear ran just before any concurrent first write.
            if (await ReadAsync(stateName, grainId, cancellationToken).ConfigureAwait(false) is not null)
            {
                throw await ConflictAsync(stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (!TryParseETag(expectedETag, out var expected))
        {
            throw await ConflictAsync(stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
        }

        int rows;
        try
        {
            await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);
            await using var command = lease.Connection.CreateCommand(
                $"UPDATE parity_grain_state SET payload = NULL, version = version + 1 WHERE {KeyFilter} AND version = @expected AND payload IS NOT NULL");
            AddKey(command, stateName, grainId);
            command.Add("expected", expected);
            rows = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Clearing state '{stateName}' of {grainId}", ex);
        }

        if (rows == 0)
        {
            throw await ConflictAsync(stateName, grainId, expectedETag, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void AddKey(DbCommand command, string stateName, GrainId grainId)
    {
        command.Add("state_name", stateName);
        command.AddGrain(grainId);
    }

    private static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    private static bool TryParseETag(string etag, out long version)
        => long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out version);

    private async Task<InconsistentStateException> ConflictAsync(string stateName, GrainId grainId, string? expectedETag, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(stateName, grainId, cancellationToken).ConfigureAwait(false);
        return new InconsistentStateException(
            $"State '{stateName}' of {grainId} was not written: expected ETag {expectedETag ?? "(none stored)"} but storage holds {stored?.ETag ?? "(none)"}.",
            stored?.ETag,
            expectedETag);
    }
}
