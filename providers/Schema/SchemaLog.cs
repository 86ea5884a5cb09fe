using Microsoft.Extensions.Logging;

namespace Parity.Providers.Schema;

internal static partial class SchemaLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Schema migration ({Dialect}): {ScriptCount} scripts to check")]
    public static partial void MigrationStarting(ILogger logger, SchemaDialect dialect, int scriptCount);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Applied schema script {Script} (sha256 {Sha256}) in {ElapsedMilliseconds} ms")]
    public static partial void ScriptApplied(ILogger logger, string script, string sha256, long elapsedMilliseconds);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Schema script {Script} already applied; skipped")]
    public static partial void ScriptSkipped(ILogger logger, string script);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Schema script {Script} was already applied by hand (its OrleansQuery rows equal the vendored script's); recorded as adopted without running it")]
    public static partial void ScriptAdopted(ILogger logger, string script);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Schema migration ({Dialect}) done: {Applied} applied, {Adopted} adopted, {Skipped} already applied")]
    public static partial void MigrationFinished(ILogger logger, SchemaDialect dialect, int applied, int adopted, int skipped);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Another schema migration holds advisory lock {LockKey}; waiting for it to finish")]
    public static partial void WaitingForMigrationLock(ILogger logger, long lockKey);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "The ledger records schema script {Script}, which is no longer shipped")]
    public static partial void RecordedScriptNotShipped(ILogger logger, string script);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "The database has Orleans tables but no migration ledger (set up by hand); checking its OrleansQuery rows against the vendored scripts")]
    public static partial void UnmanagedOrleansSchemaFound(ILogger logger);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "OrleansQuery holds rows no vendored script inserts (left as they are): {QueryKeys}")]
    public static partial void ForeignOrleansQueries(ILogger logger, string queryKeys);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Schema migration ({Dialect}) stopped at script {Script}")]
    public static partial void MigrationFailed(ILogger logger, Exception exception, SchemaDialect dialect, string script);
}
