namespace Parity.Providers.Schema;

/// <summary>The database refused a script; its transaction was rolled back and nothing of it is recorded.</summary>
public sealed class SchemaScriptFailedException : SchemaMigrationException
{
    internal SchemaScriptFailedException(string scriptName, Exception innerException)
        : base(scriptName, $"Schema script '{scriptName}' failed and was rolled back: {innerException.Message}", innerException)
    {
    }
}
