using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Parity.Providers.Journal.AdoNet;

internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override ParityJournalStorage Storage => ParityJournalStorage.PostgreSql;

    // Npgsql writes only UTC DateTimeOffset values to timestamptz.
    public override object ToDbTime(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    // Npgsql sends strings as text, which PostgreSQL will not assign to a json column implicitly.
    public override void MarkJson(DbParameter parameter) => ((NpgsqlParameter)parameter).NpgsqlDbType = NpgsqlDbType.Json;

    public override bool IsWriteConflict(Exception exception) => exception is PostgresException
    {
        SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.DeadlockDetected,
    };
}
