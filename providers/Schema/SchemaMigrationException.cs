namespace Parity.Providers.Schema;

/// <summary>
/// Root of the schema migration's failures. Each leaf names the script concerned; nothing after the failing
/// script has been applied, and every script before it stays applied and recorded.
/// </summary>
public abstract class SchemaMigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected SchemaMigrationException(string scriptName, string message, Exception? innerException = null)
        : base(message, innerException) => ScriptName = scriptName;

    /// <summary>Ledger name of the script concerned (<c>orleans/PostgreSQL-Main.sql</c>, <c>parity/sqlite-reminders.sql</c>).</summary>
    public string ScriptName { get; }
}
