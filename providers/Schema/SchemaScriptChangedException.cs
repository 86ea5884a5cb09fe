namespace Parity.Providers.Schema;

/// <summary>
/// A script recorded as applied no longer matches the file shipped under that name: someone edited it (for a
/// vendored Orleans script: it is no longer the one the providers were checked against). The migration applies
/// nothing in that case.
/// </summary>
public sealed class SchemaScriptChangedException : SchemaMigrationException
{
    internal SchemaScriptChangedException(string scriptName, string recordedSha256, string shippedSha256)
        : base(scriptName,
            $"Schema script '{scriptName}' was applied with SHA-256 {recordedSha256}, but the shipped file now has SHA-256 {shippedSha256}: " +
            "the script was edited after it was applied. Applied scripts are never re-run; restore the file " +
            (scriptName.StartsWith(SchemaScriptCatalog.OrleansNamePrefix, StringComparison.Ordinal)
                ? "(Orleans' scripts under deploy/sql/orleans are vendored unchanged and must not be edited) "
                : "") +
            "and put any schema change in a new script.")
    {
        RecordedSha256 = recordedSha256;
        ShippedSha256 = shippedSha256;
    }

    /// <summary>SHA-256 recorded in the ledger when the script was applied.</summary>
    public string RecordedSha256 { get; }

    /// <summary>SHA-256 of the script as shipped now.</summary>
    public string ShippedSha256 { get; }
}
