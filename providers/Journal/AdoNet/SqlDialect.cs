using System.Data.Common;

namespace Parity.Providers.Journal.AdoNet;

/// <summary>
/// What differs between PostgreSQL and SQLite for the journal: how times and JSON travel, and how a constraint
/// violation is recognised. The statements themselves are shared (both speak ON CONFLICT, multi-row VALUES, NULLIF); SQLite binds them row by row.
/// </summary>
internal abstract class SqlDialect
{
    public abstract ParityJournalStorage Storage { get; }

    public abstract object ToDbTime(DateTimeOffset value);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Types a parameter that lands in a JSON column.</summary>
    public abstract void MarkJson(DbParameter parameter);

    /// <summary>
    /// True when <paramref name="exception"/> means "another writer came first": a unique or foreign key violation
    /// (or, on PostgreSQL, a deadlock between two such writers). The statement wrote nothing.
    /// </summary>
    public abstract bool IsWriteConflict(Exception exception);

    /// <summary>
    /// True when an append is written as one prepared single-row INSERT per event inside a transaction rather than as
    /// multi-row INSERTs.
    /// </summary>
    public virtual bool InsertsRowByRow => false;
}
