namespace Parity.Providers.Schema;

/// <summary>
/// The database already holds Orleans' tables without a migration ledger (it was set up by hand), and its
/// <c>OrleansQuery</c> rows are not the ones the vendored script inserts: Orleans' providers would run other
/// queries than the ones they were checked against (orleans #8216, #9851). The migration changes nothing.
/// </summary>
public sealed class UnmanagedSchemaException : SchemaMigrationException
{
    internal UnmanagedSchemaException(string scriptName, IReadOnlyList<string> differingQueryKeys)
        : base(scriptName,
            $"The database has Orleans tables but no Parity migration ledger, and its OrleansQuery rows {string.Join(", ", differingQueryKeys)} " +
            $"are missing or differ from the ones '{scriptName}' inserts. It was set up from other scripts than deploy/sql/orleans; " +
            "migrate into an empty database, or replace those OrleansQuery rows with the vendored script's.")
    {
        DifferingQueryKeys = differingQueryKeys;
    }

    /// <summary>The <c>OrleansQuery</c> keys the script inserts that the database lacks or holds with other text.</summary>
    public IReadOnlyList<string> DifferingQueryKeys { get; }
}
