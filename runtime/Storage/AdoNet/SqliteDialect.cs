using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Parity.Runtime.Storage.AdoNet;

internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public override AdoNetProvider Provider => AdoNetProvider.Sqlite;

    public override string SchemaFileName => "sqlite.sql";

    // SQLite has no time type: microseconds since the Unix epoch keep order (for due-time queries)
    // and the same precision as PostgreSQL's timestamptz.
    public override object ToDbTime(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
        => new(DateTimeOffset.UnixEpoch.UtcTicks + (reader.GetInt64(ordinal) * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    public override void MarkJson(DbParameter parameter)
    {
        // JSON is plain TEXT in SQLite.
    }

    public override bool IsWriteConflict(Exception exception) => exception is SqliteException
    {
        SqliteErrorCode: SqliteConstraint,
        SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey or SqliteConstraintForeignKey,
    };

    // Deferred: a read must not take SQLite's write lock (BEGIN IMMEDIATE is the provider's default).
    public override ValueTask<DbTransaction> BeginSnapshotReadAsync(DbConnection connection, CancellationToken cancellationToken)
        => ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: true));
}
