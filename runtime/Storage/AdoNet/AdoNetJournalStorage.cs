using System.Data.Common;
using System.Globalization;

namespace Parity.Runtime.Storage.AdoNet;

/// <summary>
/// Event journals in PostgreSQL or SQLite. An append is conditional on the journal's version: the
/// table's primary key (grain, sequence) rejects a second writer of the same sequence and a foreign
/// key to the previous sequence rejects a gap, so of two activations of one grain exactly one append
/// wins and the journal never forks. With <see cref="AdoNetStorageOptions.CoalesceAppends"/> on,
/// appends of all grains of the silo share multi-row statements (see the coalescing writer).
/// </summary>
public sealed class AdoNetJournalStorage : IJournalStorage, IAsyncDisposable
{
    private readonly AdoNetDatabase _database;
    private readonly JournalCommands _commands;
    private readonly JournalAppendWriter? _writer;

    /// <summary>Creates the journal storage over an opened database; starts the coalescing writer when enabled.</summary>
    public AdoNetJournalStorage(AdoNetDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _commands = new JournalCommands(database);
        if (database.Options.CoalesceAppends)
        {
            _writer = new JournalAppendWriter(_commands, database.Dialect, database.Options.MaxBatchSize);
        }
    }

    internal JournalAppendWriter? Writer => _writer;

    /// <inheritdoc />
    public async Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ReadSnapshotCoreAsync(grainId, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Reading the snapshot of {grainId}", ex);
        }
    }

    private async Task<JournalSnapshot?> ReadSnapshotCoreAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var lease = await _database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(
            "SELECT version, payload, snapshot_timestamp FROM parity_journal_snapshot WHERE grain_type = @grain_type AND grain_key = @grain_key");
        command.AddGrain(grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new JournalSnapshot(reader.GetInt64(0), reader.GetString(1), _database.Dialect.ReadTime(reader, 2));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        if (maxCount == 0)
        {
            return [];
        }

        try
        {
            return await ReadCoreAsync(grainId, afterSequence, maxCount, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Reading the journal of {grainId}", ex);
        }
    }

    private async Task<IReadOnlyList<JournalEntry>> ReadCoreAsync(GrainId grainId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        await using var lease = await _database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(
            "SELECT sequence, event_type, payload, correlation_id, causation_id, source_system, source_event_id, event_timestamp " +
            "FROM parity_journal WHERE grain_type = @grain_type AND grain_key = @grain_key AND sequence > @after " +
            "ORDER BY sequence LIMIT @max");
        command.AddGrain(grainId);
        command.Add("after", afterSequence);
        command.Add("max", (long)maxCount);
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var metadata = new EventMetadata(
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                _database.Dialect.ReadTime(reader, 7));
            entries.Add(new JournalEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), metadata));
        }

        return entries;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Timestamps are stored with microsecond precision. Once queued in the coalescing writer an append
    /// completes with its real outcome; <paramref name="cancellationToken"/> is honoured only before that.
    /// An empty <paramref name="entries"/> writes nothing and checks nothing.
    /// </remarks>
    /// <exception cref="ArgumentException">The entries' sequences are not <paramref name="expectedVersion"/>+1, +2, ...</exception>
    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Sequence != expectedVersion + 1 + i)
            {
                throw new ArgumentException(
                    $"Entry {i} of the append to {grainId} has sequence {entries[i].Sequence}; expected {(expectedVersion + 1 + i).ToString(CultureInfo.InvariantCulture)} (sequences follow the expected version without gaps).",
                    nameof(entries));
            }
        }

        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _writer is not null
            ? _writer.EnqueueAsync(grainId, expectedVersion, entries)
            : _commands.InsertOneAsync(grainId, expectedVersion, entries, cancellationToken);
    }

    /// <inheritdoc />
    public async Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            await WriteSnapshotCoreAsync(grainId, snapshot, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw AdoNetErrors.Failed($"Writing the snapshot of {grainId}", ex);
        }
    }

    private async Task WriteSnapshotCoreAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(
            "INSERT INTO parity_journal_snapshot (grain_type, grain_key, version, payload, snapshot_timestamp) " +
            "VALUES (@grain_type, @grain_key, @version, @payload, @at) " +
            "ON CONFLICT (grain_type, grain_key) DO UPDATE SET version = excluded.version, payload = excluded.payload, " +
            "snapshot_timestamp = excluded.snapshot_timestamp WHERE parity_journal_snapshot.version < excluded.version");
        command.AddGrain(grainId);
        command.Add("version", snapshot.Version);
        command.AddJson(_database.Dialect, "payload", snapshot.Payload);
        command.Add("at", _database.Dialect.ToDbTime(snapshot.Timestamp));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the coalescing writer after it has written every append already queued.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
    }
}
