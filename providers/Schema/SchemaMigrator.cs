using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Parity.Providers.Schema;

/// <summary>
/// Applies a dialect's scripts once each, in order, recording every one in the ledger
/// (<c>parity_schema_migration</c>: script, sha256, outcome, applied_at). Guarantees: a recorded script is never run
/// again; a recorded script whose shipped bytes changed stops the migration before anything is applied; each script
/// runs in its own transaction together with its ledger row; concurrent migrators apply each script once.
/// </summary>
internal static class SchemaMigrator
{
    public static async Task<SchemaMigrationResult> MigrateAsync(
        SchemaDialect dialect, string connectionString, IReadOnlyList<SchemaScript> scripts, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SchemaLog.MigrationStarting(logger, dialect, scripts.Count);
        await using SchemaSession session = dialect switch
        {
            SchemaDialect.PostgreSql => await PostgreSqlSchemaSession.OpenAsync(connectionString, logger, cancellationToken).ConfigureAwait(false),
            SchemaDialect.Sqlite => await SqliteSchemaSession.OpenAsync(connectionString, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(dialect), dialect, "Unknown schema dialect."),
        };

        try
        {
            return await MigrateAsync(session, dialect, scripts, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaMigrationException ex)
        {
            SchemaLog.MigrationFailed(logger, ex, dialect, ex.ScriptName);
            throw;
        }
    }

    private static async Task<SchemaMigrationResult> MigrateAsync(
        SchemaSession session, SchemaDialect dialect, IReadOnlyList<SchemaScript> scripts, ILogger logger, CancellationToken cancellationToken)
    {
        await session.EnsureLedgerAsync(cancellationToken).ConfigureAwait(false);
        var ledger = await session.ReadLedgerAsync(cancellationToken).ConfigureAwait(false);
        CheckRecordedScripts(scripts, ledger, logger);

        var adopt = new HashSet<string>(StringComparer.Ordinal);
        if (!ledger.Keys.Any(name => name.StartsWith(SchemaScriptCatalog.OrleansNamePrefix, StringComparison.Ordinal))
            && await session.OrleansQueryExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            SchemaLog.UnmanagedOrleansSchemaFound(logger);
            adopt = await FindHandAppliedScriptsAsync(session, scripts, logger, cancellationToken).ConfigureAwait(false);
        }

        List<string> applied = [], adopted = [], skipped = [];
        foreach (var script in scripts)
        {
            if (ledger.ContainsKey(script.Name))
            {
                skipped.Add(script.Name);
                SchemaLog.ScriptSkipped(logger, script.Name);
                continue;
            }

            var execute = !adopt.Contains(script.Name);
            var started = Stopwatch.GetTimestamp();
            var recordedMeanwhile = await session.RunOnceAsync(script, execute, cancellationToken).ConfigureAwait(false);
            if (recordedMeanwhile is not null)
            {
                // A concurrent migrator (SQLite has no migration-wide lock) applied it between our ledger read and now.
                if (!string.Equals(recordedMeanwhile, script.Sha256, StringComparison.Ordinal))
                {
                    throw new SchemaScriptChangedException(script.Name, recordedMeanwhile, script.Sha256);
                }

                skipped.Add(script.Name);
                SchemaLog.ScriptSkipped(logger, script.Name);
            }
            else if (execute)
            {
                applied.Add(script.Name);
                SchemaLog.ScriptApplied(logger, script.Name, script.Sha256, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            else
            {
                adopted.Add(script.Name);
                SchemaLog.ScriptAdopted(logger, script.Name);
            }
        }

        SchemaLog.MigrationFinished(logger, dialect, applied.Count, adopted.Count, skipped.Count);
        return new SchemaMigrationResult(dialect, applied, adopted, skipped);
    }

    private static void CheckRecordedScripts(IReadOnlyList<SchemaScript> scripts, IReadOnlyDictionary<string, string> ledger, ILogger logger)
    {
        // Every recorded script is checked before anything is applied, so an edited script stops a run that has nothing else to do.
        foreach (var script in scripts)
        {
            if (ledger.TryGetValue(script.Name, out var recorded) && !string.Equals(recorded, script.Sha256, StringComparison.Ordinal))
            {
                throw new SchemaScriptChangedException(script.Name, recorded, script.Sha256);
            }
        }

        foreach (var name in ledger.Keys.Where(name => !scripts.Any(script => script.Name == name)).Order(StringComparer.Ordinal))
        {
            SchemaLog.RecordedScriptNotShipped(logger, name);
        }
    }

    /// <summary>
    /// A database set up by hand from Orleans' scripts has <c>OrleansQuery</c> and Orleans' tables but no ledger.
    /// Adopt a vendored script (record it without running it) only when every row it inserts is present with the
    /// same text; a script none of whose rows are present is applied normally; anything in between, or other text,
    /// means other scripts made this database, and the migration refuses it.
    /// </summary>
    private static async Task<HashSet<string>> FindHandAppliedScriptsAsync(
        SchemaSession session, IReadOnlyList<SchemaScript> scripts, ILogger logger, CancellationToken cancellationToken)
    {
        var orleansScripts = scripts.Where(script => script.Origin == SchemaScriptOrigin.Orleans).ToList();
        var expected = await session.ComputeOrleansQueriesAsync(orleansScripts, cancellationToken).ConfigureAwait(false);
        var actual = await session.ReadOrleansQueryAsync(cancellationToken).ConfigureAwait(false);
        var adopt = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < orleansScripts.Count; i++)
        {
            var script = orleansScripts[i];
            var rows = expected[i];
            if (i == 0)
            {
                // Main creates OrleansQuery and inserts nothing: the table's presence is its trace.
                adopt.Add(script.Name);
                continue;
            }

            var present = rows.Keys.Count(actual.ContainsKey);
            if (present == 0)
            {
                continue;
            }

            var differing = rows
                .Where(row => !actual.TryGetValue(row.Key, out var text) || !string.Equals(text, row.Value, StringComparison.Ordinal))
                .Select(row => row.Key)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (differing.Count > 0)
            {
                throw new UnmanagedSchemaException(script.Name, differing);
            }

            adopt.Add(script.Name);
        }

        var known = expected.SelectMany(rows => rows.Keys).ToHashSet(StringComparer.Ordinal);
        var foreign = actual.Keys.Where(key => !known.Contains(key)).Order(StringComparer.Ordinal).ToList();
        if (foreign.Count > 0)
        {
            SchemaLog.ForeignOrleansQueries(logger, string.Join(", ", foreign));
        }

        return adopt;
    }
}
