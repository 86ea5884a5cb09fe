using System.Data.Common;
using System.Globalization;
using System.Text;
using Orleans.Runtime;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>
/// The journal's SQL. An append is a plain multi-row INSERT: the primary key rejects a sequence that another writer
/// already took and the previous_sequence foreign key rejects a gap, so the database, not a read-then-write check,
/// decides which of two racing writers wins.
/// </summary>
internal sealed class JournalCommands
{
    // 11 parameters per row; 1,000 rows stay far below PostgreSQL's 65,535 and SQLite's 32,766 limits.
    internal const int MaxRowsPerStatement = 1000;

    // One row's parameters, in the order of the INSERT's columns (previous_sequence is computed from s).
    private static readonly string[] ParameterNames = ["t", "k", "s", "e", "p", "c", "a", "y", "i", "w"];
    private const int PayloadParameter = 4;

    private const string InsertPrefix =
        "INSERT INTO parity_journal (grain_type, grain_key, sequence, previous_sequence, event_type, payload, " +
        "correlation_id, causation_id, source_system, source_event_id, event_timestamp) VALUES ";

    private readonly JournalDatabase _database;

    public JournalCommands(JournalDatabase database, JournalMetrics metrics)
    {
        _database = database;
        Metrics = metrics;
    }

    public JournalMetrics Metrics { get; }

    private SqlDialect Dialect => _database.Dialect;

    /// <summary>
    /// Writes every append of <paramref name="appends"/> atomically. Throws the provider's exception when any of them
    /// conflicts; nothing is written then.
    /// </summary>
    public async Task InsertAllAsync(IReadOnlyList<PendingAppend> appends, CancellationToken cancellationToken)
    {
        // One order for every silo's batches (grain, then sequence), so two batches that touch the same grains take
        // index locks in the same order and do not deadlock each other on PostgreSQL.
        var rows = new List<Row>();
        foreach (var append in appends)
        {
            var type = JournalKey.TypeOf(append.GrainId);
            var key = JournalKey.KeyOf(append.GrainId);
            foreach (var entry in append.Entries)
            {
                rows.Add(new Row(type, key, entry));
            }
        }

        rows.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Type, b.Type);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Key, b.Key);
            }

            return c != 0 ? c : a.Entry.Sequence.CompareTo(b.Entry.Sequence);
        });

        await InsertRowsAsync(rows, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one append atomically; throws <see cref="JournalConflictException"/> on a conflict.</summary>
    public async Task InsertOneAsync(GrainId grainId, long expectedVersion, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        var type = JournalKey.TypeOf(grainId);
        var key = JournalKey.KeyOf(grainId);
        var rows = new List<Row>(entries.Count);
        foreach (var entry in entries)
        {
            rows.Add(new Row(type, key, entry));
        }

        try
        {
            await InsertRowsAsync(rows, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Dialect.IsWriteConflict(ex))
        {
            throw await ConflictAsync(grainId, expectedVersion, ex, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw Failed($"Appending to the journal of {grainId}", ex);
        }
    }

    /// <summary>Builds the exception for a lost append, reading the stored version for its message.</summary>
    public async Task<JournalConflictException> ConflictAsync(GrainId grainId, long expectedVersion, Exception? cause, CancellationToken cancellationToken)
    {
        long? stored;
        try
        {
            stored = await ReadLastSequenceAsync(grainId, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            stored = null; // The conflict stands; only the detail is missing.
        }

        return new JournalConflictException(grainId, expectedVersion, stored, cause);
    }

    /// <summary>A database failure other than a lost conditional write.</summary>
    public static JournalStorageException Failed(string operation, Exception exception)
        => new($"{operation} failed: {exception.Message}", exception);

    private async Task<long> ReadLastSequenceAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        await using var lease = await _database.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(
            "SELECT COALESCE(MAX(sequence), 0) FROM parity_journal WHERE grain_type = @grain_type AND grain_key = @grain_key");
        command.AddGrain(grainId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private async Task InsertRowsAsync(List<Row> rows, CancellationToken cancellationToken)
    {
        await using var lease = await _database.OpenWriteAsync(cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        if (Dialect.InsertsRowByRow)
        {
            await InsertRowByRowAsync(connection, rows, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (rows.Count <= MaxRowsPerStatement)
        {
            // One statement is atomic on its own: no explicit transaction, one round trip less.
            await using var command = BuildInsert(connection, null, rows, 0, rows.Count);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Metrics.RecordWrite(rows.Count);
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < rows.Count; start += MaxRowsPerStatement)
        {
            var count = Math.Min(MaxRowsPerStatement, rows.Count - start);
            await using var command = BuildInsert(connection, transaction, rows, start, count);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Metrics.RecordWrite(rows.Count);
    }

    // One prepared single-row INSERT, re-bound for each row inside one transaction: atomic like the multi-row
    // statement, and linear in the rows (see SqlDialect.InsertsRowByRow).
    private async Task InsertRowByRowAsync(DbConnection connection, List<Row> rows, CancellationToken cancellationToken)
    {
        await using var transaction = rows.Count > 1
            ? await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        await using var command = BuildInsert(connection, transaction, rows, 0, 1);
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0)
            {
                Bind(command, 0, rows[i]);
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        Metrics.RecordWrite(rows.Count);
    }

    private DbCommand BuildInsert(DbConnection connection, DbTransaction? transaction, List<Row> rows, int start, int count)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(InsertPrefix, InsertPrefix.Length + (count * 90));
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            if (i > 0)
            {
                sql.Append(", ");
            }

            sql.Append(CultureInfo.InvariantCulture,
                $"(@t{n}, @k{n}, @s{n}, NULLIF(@s{n} - 1, 0), @e{n}, @p{n}, @c{n}, @a{n}, @y{n}, @i{n}, @w{n})");
            foreach (var name in ParameterNames)
            {
                command.Add(name + n, null);
            }

            Dialect.MarkJson(command.Parameters[(i * ParameterNames.Length) + PayloadParameter]);
            Bind(command, i * ParameterNames.Length, rows[start + i]);
        }

        command.CommandText = sql.ToString();
        return command;
    }

    // Sets one row's values on the parameters from `first` on, in ParameterNames' order.
    private void Bind(DbCommand command, int first, Row row)
    {
        var entry = row.Entry;
        var parameters = command.Parameters;
        parameters[first].Value = row.Type;
        parameters[first + 1].Value = row.Key;
        parameters[first + 2].Value = entry.Sequence;
        parameters[first + 3].Value = entry.EventType;
        parameters[first + PayloadParameter].Value = (object?)entry.Payload ?? DBNull.Value;
        parameters[first + 5].Value = (object?)entry.Metadata.CorrelationId ?? DBNull.Value;
        parameters[first + 6].Value = (object?)entry.Metadata.CausationId ?? DBNull.Value;
        parameters[first + 7].Value = (object?)entry.Metadata.SourceSystem ?? DBNull.Value;
        parameters[first + 8].Value = (object?)entry.Metadata.SourceEventId ?? DBNull.Value;
        parameters[first + 9].Value = Dialect.ToDbTime(entry.Metadata.Timestamp);
    }

    private readonly record struct Row(string Type, string Key, JournalEntry Entry);
}
