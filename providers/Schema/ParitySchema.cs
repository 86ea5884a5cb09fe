using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Parity.Providers.Schema;

/// <summary>
/// Parity's one schema migration: Orleans' vendored ADO.NET scripts (<c>deploy/sql/orleans/</c>) in their required
/// order, then Parity's own (<c>deploy/sql/parity/&lt;dialect&gt;-*.sql</c>, name order), each applied at most once and
/// recorded with its SHA-256 in <c>parity_schema_migration</c>. Idempotent: a second run applies nothing. Safe to run
/// from two processes at once (PostgreSQL: advisory lock; SQLite: one immediate transaction per script).
/// </summary>
/// <remarks>
/// A database with Orleans' tables but no ledger (set up by hand) is adopted script by script when its
/// <c>OrleansQuery</c> rows equal the vendored scripts'; otherwise the migration refuses it
/// (<see cref="UnmanagedSchemaException"/>) rather than guess which scripts made it.
/// </remarks>
public static class ParitySchema
{
    /// <summary>Exit code of <see cref="RunMigrateCommandAsync"/> when the schema is up to date.</summary>
    public const int ExitSuccess = 0;

    /// <summary>Exit code of <see cref="RunMigrateCommandAsync"/> when the migration was refused or failed.</summary>
    public const int ExitFailure = 1;

    /// <summary>The scripts a migration of <paramref name="dialect"/> applies, in order.</summary>
    public static IReadOnlyList<SchemaScript> GetScripts(SchemaDialect dialect) => SchemaScriptCatalog.ForDialect(dialect);

    /// <summary>Brings the database's schema up to date.</summary>
    /// <param name="dialect">The database kind.</param>
    /// <param name="connectionString">An Npgsql or Microsoft.Data.Sqlite connection string.</param>
    /// <param name="logger">Receives what is applied; none when null.</param>
    /// <param name="cancellationToken">Stops the migration between or inside scripts; the script in flight is rolled back.</param>
    /// <returns>The scripts applied, adopted and skipped.</returns>
    /// <exception cref="SchemaMigrationException">A script was edited after it was applied, the database refused a script, or the database was set up from other scripts.</exception>
    public static Task<SchemaMigrationResult> MigrateAsync(
        SchemaDialect dialect, string connectionString, ILogger? logger = null, CancellationToken cancellationToken = default)
        => SchemaMigrator.MigrateAsync(dialect, connectionString, GetScripts(dialect), logger ?? NullLogger.Instance, cancellationToken);

    /// <summary>Brings the database's schema up to date.</summary>
    /// <inheritdoc cref="MigrateAsync(SchemaDialect, string, ILogger?, CancellationToken)"/>
    public static Task<SchemaMigrationResult> MigrateAsync(SchemaDialect dialect, string connectionString, CancellationToken cancellationToken)
        => MigrateAsync(dialect, connectionString, logger: null, cancellationToken);

    /// <summary>
    /// The body of a <c>migrate</c> command-line verb: migrates, writes one line per script and a summary to
    /// <paramref name="output"/>, or the reason for failing to <paramref name="error"/>.
    /// </summary>
    /// <returns><see cref="ExitSuccess"/> or <see cref="ExitFailure"/>.</returns>
    public static async Task<int> RunMigrateCommandAsync(
        SchemaDialect dialect,
        string connectionString,
        TextWriter output,
        TextWriter error,
        ILoggerFactory? loggerFactory = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var logger = loggerFactory?.CreateLogger(typeof(ParitySchema).FullName!) ?? NullLogger.Instance;
        SchemaMigrationResult result;
        try
        {
            result = await MigrateAsync(dialect, connectionString, logger, cancellationToken).ConfigureAwait(false);
        }
        catch (SchemaMigrationException ex)
        {
            await error.WriteLineAsync($"migrate: {ex.Message}").ConfigureAwait(false);
            return ExitFailure;
        }
        catch (Exception ex) when (ex is DbException or ArgumentException or InvalidOperationException)
        {
            // Cannot connect, bad connection string: say so without the connection string (it may hold a password).
            await error.WriteLineAsync($"migrate: {DialectName(dialect)} database not migrated: {ex.Message}").ConfigureAwait(false);
            return ExitFailure;
        }

        foreach (var name in result.Applied)
        {
            await output.WriteLineAsync($"applied  {name}").ConfigureAwait(false);
        }

        foreach (var name in result.Adopted)
        {
            await output.WriteLineAsync($"adopted  {name}").ConfigureAwait(false);
        }

        foreach (var name in result.Skipped)
        {
            await output.WriteLineAsync($"present  {name}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(
            $"{DialectName(dialect)} schema up to date: {result.Applied.Count} applied, {result.Adopted.Count} adopted, {result.Skipped.Count} already applied").ConfigureAwait(false);
        return ExitSuccess;
    }

    /// <summary>Parses a dialect name as a command line gives it: <c>postgresql</c> (or <c>postgres</c>, <c>pg</c>) or <c>sqlite</c>, any case.</summary>
    public static bool TryParseDialect(string? value, out SchemaDialect dialect)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "postgresql" or "postgres" or "pg":
                dialect = SchemaDialect.PostgreSql;
                return true;
            case "sqlite":
                dialect = SchemaDialect.Sqlite;
                return true;
            default:
                dialect = default;
                return false;
        }
    }

    private static string DialectName(SchemaDialect dialect) => dialect == SchemaDialect.PostgreSql ? "PostgreSQL" : "SQLite";
}
