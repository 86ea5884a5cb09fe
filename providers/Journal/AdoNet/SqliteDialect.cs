using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Parity.Providers.Journal.AdoNet;

internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    private const int SqliteConstraint = 19;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;

    public override ParityJournalStorage Storage => ParityJournalStorage.Sqlite;

    // SQLite has no time type: microseconds since the Unix epoch keep order and PostgreSQL's timestamptz precision.
    public override object ToDbTime(DateTimeOffset value) => (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
        => new(DateTimeOffset.UnixEpoch.UtcTicks + (reader.GetInt64(ordinal) * TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    public override void MarkJson(DbParameter parameter)
    {
        // JSON is plain TEXT in SQLite.
    }

    // SQLite finds a named parameter by scanning the statement's names one by one, so binding a multi-row INSERT costs
    // the square of its parameters: a quarter to a third of all CPU in a POS burst went to that scan. In process a
    // statement costs no round trip, so one prepared row re-bound per event is the cheap way to write a batch.
    public override bool InsertsRowByRow => true;

    public override bool IsWriteConflict(Exception exception) => exception is SqliteException
    {
        SqliteErrorCode: SqliteConstraint,
        SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey or SqliteConstraintForeignKey,
    };
}
