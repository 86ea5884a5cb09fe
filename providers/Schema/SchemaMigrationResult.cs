namespace Parity.Providers.Schema;

/// <summary>What one migration run did, script by script, in application order.</summary>
public sealed class SchemaMigrationResult
{
    internal SchemaMigrationResult(SchemaDialect dialect, IReadOnlyList<string> applied, IReadOnlyList<string> adopted, IReadOnlyList<string> skipped)
    {
        Dialect = dialect;
        Applied = applied;
        Adopted = adopted;
        Skipped = skipped;
    }

    /// <summary>The dialect migrated.</summary>
    public SchemaDialect Dialect { get; }

    /// <summary>Scripts run by this migration.</summary>
    public IReadOnlyList<string> Applied { get; }

    /// <summary>
    /// Orleans scripts found already applied by hand (no ledger, <c>OrleansQuery</c> rows equal to the vendored
    /// script's) and recorded without running them.
    /// </summary>
    public IReadOnlyList<string> Adopted { get; }

    /// <summary>Scripts already recorded in the ledger (by an earlier run or a concurrent migrator).</summary>
    public IReadOnlyList<string> Skipped { get; }
}
