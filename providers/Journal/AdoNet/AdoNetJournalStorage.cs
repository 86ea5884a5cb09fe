using System.Data.Common;
using Orleans.Runtime;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>
/// Event journals in PostgreSQL or SQLite (tables <c>parity_journal</c> and <c>parity_journal_snapshot</c>). An append
/// is conditional on the journal's version: the primary key (grain, sequence) rejects a second writer of the same
/// sequence and a foreign key to the previous sequence rejects a gap, so of two activations of one grain exactly one
/// append wins and the journal never forks. With coalescing on, appends of all grains of the silo share multi-row
/// statements (see <see cref="JournalAppendWriter"/>).
/// </summary>
public sealed class AdoNetJournalStorage : IJournalStorage, IAsyncDisposable
{
    private readonly JournalDatabase _database;
    private readonly JournalCommands _commands;
    private readonly JournalAppendWriter? _writer;

    /// <summary>Creates the storage; starts the coalescing writer when <paramref name="coalesceAppends"/> is on.</summary>
    /// <param name="storage"><see cref="ParityJournalStorage.PostgreSql"/> or <see cref="ParityJournalStorage.Sqlite"/>.</param>
    /// <param name="connectionString">The ADO.NET connection string of the database holding the journal tables.</param>
    /// <param name="coalesceAppends">Whether appends of many grains are written as multi-row statements.</param>
    /// <param name="maxBatchSize">The most appends in one coalesced batch.</param>
    /// <param name="sqliteBusyTimeout">SQLite only: how long a statement waits for another connection's lock.</param>
    /// <param name="meterFactory">Publishes the writer's counters on the <c>Parity.Journal</c> meter when given.</param>
    public AdoNetJournalStorage(
        ParityJournalStorage storage,
        string connectionString,
        bool coalesceAppends = true,
        int maxBatchSize = 256,
        TimeSpan? sqliteBusyTimeout = null,
        System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        _database = new JournalDatabase(storage, connectionString, sqliteBusyTimeout ?? TimeSpan.FromSeconds(5));
        _commands = new JournalCommands(_database, new JournalMetrics(meterFactory));
        if (coalesceAppends)
        {
            _writer = new JournalAppendWriter(_commands, _database.Dialect, maxBatchSize);
        }
    }

    /// <summary>The coalescing writer, or null when appends are written one by one.</summary>
    internal JournalAppendWriter? Writer => _writer;

    /// <summary>Counters of statements, batches and appends.</summary>
    internal JournalMetrics Metrics => _commands.Metrics;

    /// <inheritdoc />
    public Task<JournalSnapshot?> ReadSnapshotAsync(GrainId grainId, CancellationToken cancellationToken = default)
        => _database.OffCallerAsync(() => ReadSnapshotCoreAsync(grainId, cancellationToken));

    /// <inheritdoc />
    public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId grainId, long afterSequence, int maxCount = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        return maxCount == 0
            ? Task.FromResult<IReadOnlyList<JournalEntry>>([])
            : _database.OffCallerAsync(() => ReadCoreAsync(grainId, afterSequence, maxCount, cancellationToken));
    }

    /// <inheritdoc />
    /// <remarks>
    /// Timestamps are stored with microsecond precision. Once queued in the coalescing writer an append completes with
    /// its real outcome; <paramref name="cancellationToken"/> is honoured only before that. An empty
    /// <paramref name="entries"/> writes nothing and checks nothing.
    /// </remarks>
    public Task AppendAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken = default)
    {
        JournalAppendRules.Validate(grainId, expectedVersion, entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _writer is not null
            ? _writer.EnqueueAsync(grainId, expectedVersion, entries)
            : _database.OffCallerAsync(() => _commands.InsertOneAsync(grainId, expectedVersion, entries, cancellationToken));
    }

    /// <inheritdoc />
    public Task WriteSnapshotAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return _database.OffCallerAsync(() => WriteSnapshotCoreAsync(grainId, snapshot, cancellationToken));
    }

    private async Task<JournalSnapshot?> ReadSnapshotCoreAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        try
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
        catch (DbException ex)
        {
            throw JournalCommands.Failed($"Reading the snapshot of {grainId}", ex);
        }
    }

    private async Task<IReadOnlyList<JournalEntry>> ReadCoreAsync(GrainId grainId, long afterSequence, int maxCount, CancellationToken cancellationToken)
    {
        try
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
        catch (DbException ex)
        {
            throw JournalCommands.Failed($"Reading the journal of {grainId}", ex);
        }
    }

    private async Task WriteSnapshotCoreAsync(GrainId grainId, JournalSnapshot snapshot, CancellationToken cancellationToken)
    {
        try
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
        catch (DbException ex)
        {
            throw JournalCommands.Failed($"Writing the snapshot of {grainId}", ex);
        }
    }

    /// <summary>Stops the coalescing writer after it has written every append already queued, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
        }

        await _database.DisposeAsync().ConfigureAwait(false);
    }
}
