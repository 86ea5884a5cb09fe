using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Parity.Providers.Reminders;

/// <summary>Refuses settings the SQLite reminder table cannot honour, when the host starts.</summary>
internal sealed class SqliteReminderTableOptionsValidator : IValidateOptions<SqliteReminderTableOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteReminderTableOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{nameof(SqliteReminderTableOptions)}.{nameof(SqliteReminderTableOptions.ConnectionString)} is required (e.g. \"Data Source=/var/lib/parity/parity.db\").");
        }
        else
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource)
                    || string.Equals(builder.DataSource.Trim(), ":memory:", StringComparison.OrdinalIgnoreCase)
                    || builder.Mode == SqliteOpenMode.Memory)
                {
                    failures.Add($"{nameof(SqliteReminderTableOptions)}.{nameof(SqliteReminderTableOptions.ConnectionString)} must name a database file: reminders in memory are lost when the silo stops.");
                }
                else if (builder.Mode == SqliteOpenMode.ReadOnly)
                {
                    failures.Add($"{nameof(SqliteReminderTableOptions)}.{nameof(SqliteReminderTableOptions.ConnectionString)} opens the database read-only; the reminder table writes.");
                }
            }
            catch (ArgumentException ex)
            {
                // The message names the bad keyword, never the connection string's values.
                failures.Add($"{nameof(SqliteReminderTableOptions)}.{nameof(SqliteReminderTableOptions.ConnectionString)} is not a valid SQLite connection string: {ex.Message}");
            }
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > SqliteReminderTableOptions.MaximumBusyTimeout)
        {
            failures.Add($"{nameof(SqliteReminderTableOptions)}.{nameof(SqliteReminderTableOptions.BusyTimeout)} is {options.BusyTimeout}; it must be positive and at most {SqliteReminderTableOptions.MaximumBusyTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
