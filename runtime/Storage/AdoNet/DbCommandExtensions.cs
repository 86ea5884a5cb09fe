using System.Data.Common;

namespace Parity.Runtime.Storage.AdoNet;

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

    public static void AddGrain(this DbCommand command, GrainId grainId)
    {
        command.Add("grain_type", grainId.Type);
        command.Add("grain_key", grainId.Key);
    }
}
