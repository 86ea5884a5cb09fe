using System.Data.Common;
using Orleans.Runtime;

namespace Parity.Providers.Journal.AdoNet;

internal static class DbCommandExtensions
{
    public static DbCommand CreateCommand(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbParameter Add(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    public static DbParameter AddJson(this DbCommand command, SqlDialect dialect, string name, string? value)
    {
        var parameter = command.Add(name, value);
        dialect.MarkJson(parameter);
        return parameter;
    }

    /// <summary>Adds <c>@grain_type</c> and <c>@grain_key</c>: the grain's type and key as the journal stores them.</summary>
    public static void AddGrain(this DbCommand command, GrainId grainId)
    {
        command.Add("grain_type", JournalKey.TypeOf(grainId));
        command.Add("grain_key", JournalKey.KeyOf(grainId));
    }
}
