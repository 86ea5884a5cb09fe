using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Parity.Providers.Reminders;

/// <summary>
/// Orleans' reminder table on a SQLite file (<c>parity_orleans_reminder</c>, created by the schema migration from
/// <c>deploy/sql/parity/sqlite-reminders.sql</c>). Guarantees: every operation is one statement, so one short
/// transaction; an upsert returns a fresh etag; a remove succeeds only with the row's current etag; range reads
/// follow <see cref="IReminderTable.ReadRows(uint, uint)"/>: (begin, end], wrapping around when begin &gt;= end.
/// Rows are scoped by the cluster's <see cref="ClusterOptions.ServiceId"/>, as Orleans' ADO.NET table does.
/// </summary>
internal sealed class SqliteReminderTable : IReminderTable
{
    internal const string TableName = "parity_orleans_reminder";

    private const string Columns = "grain_id, reminder_name, start_at_ticks, period_ticks, etag";

    private readonly SqliteReminderTableOptions _options;
    private readonly string _serviceId;
    private readonly ILogger<SqliteReminderTable> _logger;
    private string? _connectionString;

    public SqliteReminderTable(IOptions<ClusterOptions> clusterOptions, IOptions<SqliteReminderTableOptions> options, ILogger<SqliteReminderTable> logger)
    {
        _serviceId = clusterOptions.Value.ServiceId;
        _options = options.Value;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => RunAsync(async connection =>
    {
        var journalMode = await ScalarStringAsync(connection, "PRAGMA journal_mode", cancellationToken).ConfigureAwait(false);
        if (_options.UseWriteAheadLog && !string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            journalMode = await ScalarStringAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The SQLite reminder database '{connection.DataSource}' could not be switched to write-ahead logging (journal mode is '{journalMode}'). " +
                    $"Put it on a local file system, or set {nameof(SqliteReminderTableOptions)}.{nameof(SqliteReminderTableOptions.UseWriteAheadLog)} to false.");
            }
        }

        await using var probe = connection.CreateCommand();
        probe.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        probe.Parameters.AddWithValue("$name", TableName);
        if (Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) == 0)
        {
            throw new InvalidOperationException(
                $"The SQLite database '{connection.DataSource}' has no {TableName} table. Apply the schema first: " +
                "ParitySchema.MigrateAsync(SchemaDialect.Sqlite, connectionString) (the silo's 'migrate' verb), which runs deploy/sql/parity/sqlite-reminders.sql.");
        }

        SqliteReminderLog.Ready(_logger, connection.DataSource, journalMode ?? "", (long)_options.BusyTimeout.TotalMilliseconds, _serviceId);
        return 0;
    }, cancellationToken, starting: true);

    public Task StopAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) => RunAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {TableName} WHERE service_id = $service AND grain_id = $grain";
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false));
    }, cancellationToken);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) => RunAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        // The contract: hash in (begin, end]; when begin >= end the range wraps past uint.MaxValue (begin == end: the whole ring).
        var range = begin < end ? "grain_hash > $begin AND grain_hash <= $end" : "(grain_hash > $begin OR grain_hash <= $end)";
        command.CommandText = $"SELECT {Columns} FROM {TableName} WHERE service_id = $service AND {range}";
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$begin", (long)begin);
        command.Parameters.AddWithValue("$end", (long)end);
        return new ReminderTableData(await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false));
    }, cancellationToken);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken) => RunAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM {TableName} WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name";
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        var entries = await ReadEntriesAsync(command, cancellationToken).ConfigureAwait(false);
        return entries.Count == 0 ? null : entries[0];
    }, cancellationToken);

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = Guid.NewGuid().ToString("N");
        return RunAsync<string?>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText =
                $"""
                INSERT INTO {TableName} (service_id, grain_id, reminder_name, grain_hash, start_at_ticks, period_ticks, etag)
                VALUES ($service, $grain, $name, $hash, $start, $period, $etag)
                ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                    grain_hash = excluded.grain_hash, start_at_ticks = excluded.start_at_ticks,
                    period_ticks = excluded.period_ticks, etag = excluded.etag
                """;
            command.Parameters.AddWithValue("$service", _serviceId);
            command.Parameters.AddWithValue("$grain", entry.GrainId.ToString());
            command.Parameters.AddWithValue("$name", entry.ReminderName);
            command.Parameters.AddWithValue("$hash", (long)entry.GrainId.GetUniformHashCode());
            command.Parameters.AddWithValue("$start", ToUtc(entry.StartAt).Ticks);
            command.Parameters.AddWithValue("$period", entry.Period.Ticks);
            command.Parameters.AddWithValue("$etag", etag);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return etag;
        }, cancellationToken);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) => RunAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {TableName} WHERE service_id = $service AND grain_id = $grain AND reminder_name = $name AND etag = $etag";
        command.Parameters.AddWithValue("$service", _serviceId);
        command.Parameters.AddWithValue("$grain", grainId.ToString());
        command.Parameters.AddWithValue("$name", reminderName);
        command.Parameters.AddWithValue("$etag", eTag);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }, cancellationToken);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) => RunAsync(async connection =>
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"DELETE FROM {TableName} WHERE service_id = $service";
        command.Parameters.AddWithValue("$service", _serviceId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    /// <summary>Orleans treats an unspecified kind as UTC (as its ADO.NET table does); a local time is converted.</summary>
    private static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static async Task<List<ReminderEntry>> ReadEntriesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0), CultureInfo.InvariantCulture),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }

        return entries;
    }

    private static async Task<string?> ScalarStringAsync(SqliteConnection connection, string text, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private Task<TResult> RunAsync<TResult>(Func<SqliteConnection, Task<TResult>> operation, CancellationToken cancellationToken, bool starting = false)
    {
        var connectionString = _connectionString;
        if (connectionString is null)
        {
            if (!starting)
            {
                throw new InvalidOperationException("The SQLite reminder table is used before it was started.");
            }

            var builder = new SqliteConnectionStringBuilder(_options.ConnectionString)
            {
                // Microsoft.Data.Sqlite retries a busy statement until the command timeout: keep it no shorter than the busy timeout.
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(_options.BusyTimeout.TotalSeconds)),
            };
            connectionString = builder.ConnectionString;
        }

        // Microsoft.Data.Sqlite does its I/O synchronously, and a busy wait can last BusyTimeout: keep both off the
        // silo's scheduler (the reminder service calls the table from its own turn).
        return Task.Run(async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)_options.BusyTimeout.TotalMilliseconds}");
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var result = await operation(connection).ConfigureAwait(false);
            if (starting)
            {
                _connectionString = connectionString;
            }

            return result;
        }, cancellationToken);
    }
}
