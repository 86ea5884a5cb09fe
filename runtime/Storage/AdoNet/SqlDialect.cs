using System.Data.Common;

namespace Parity.Runtime.Storage.AdoNet;

/// <summary>
/// What differs between PostgreSQL and SQLite for the provider family: how times and JSON travel,
/// and how a constraint violation is recognised. The SQL statements themselves are shared
/// (both speak ON CONFLICT, RETURNING, multi-row VALUES and NULLIF).
/// </summary>
internal abstract class SqlDialect
{
    public abstract AdoNetProvider Provider { get; }

    /// <summary>File name of the schema script in deploy/sql (and of the embedded resource).</summary>
    public abstract string SchemaFileName { get; }

    public abstract object ToDbTime(DateTimeOffset value);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Types a parameter that lands in a JSON column.</summary>
    public abstract void MarkJson(DbParameter parameter);

    /// <summary>
    /// True when <paramref name="exception"/> means "another writer came first": a unique or foreign
    /// key violation (or, on PostgreSQL, a deadlock between two such writers). The statement wrote nothing.
    /// </summary>
    public abstract bool IsWriteConflict(Exception exception);

    /// <summary>Starts a read-only transaction that sees one consistent snapshot.</summary>
    public abstract ValueTask<DbTransaction> BeginSnapshotReadAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>Microseconds: the precision both databases keep.</summary>
    public static long ToMicroseconds(TimeSpan value) => value.Ticks / TimeSpan.TicksPerMicrosecond;

    public static TimeSpan FromMicroseconds(long value) => TimeSpan.FromTicks(value * TimeSpan.TicksPerMicrosecond);
}
