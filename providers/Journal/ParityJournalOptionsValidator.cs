using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Parity.Providers.Journal;

/// <summary>Fails the silo's start when the journal options cannot work (ValidateOnStart).</summary>
internal sealed class ParityJournalOptionsValidator : IValidateOptions<ParityJournalOptions>
{
    public ValidateOptionsResult Validate(string? name, ParityJournalOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Storage))
        {
            failures.Add($"{nameof(ParityJournalOptions.Storage)} {options.Storage} is not supported.");
        }

        if (options.Storage is not ParityJournalStorage.Memory)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add($"{nameof(ParityJournalOptions.ConnectionString)} is required for {options.Storage} storage.");
            }
            else if (!IsWellFormed(options.ConnectionString))
            {
                // The message never repeats the string: it may hold a password.
                failures.Add($"{nameof(ParityJournalOptions.ConnectionString)} is not a well-formed connection string (key=value pairs separated by ';').");
            }
        }

        if (options.SnapshotInterval < 1)
        {
            failures.Add($"{nameof(ParityJournalOptions.SnapshotInterval)} must be at least 1, not {options.SnapshotInterval}.");
        }

        if (options.MaxBatchSize < 1)
        {
            failures.Add($"{nameof(ParityJournalOptions.MaxBatchSize)} must be at least 1, not {options.MaxBatchSize}.");
        }

        if (options.SqliteBusyTimeout < TimeSpan.Zero)
        {
            failures.Add($"{nameof(ParityJournalOptions.SqliteBusyTimeout)} must not be negative.");
        }

        if (options.JsonOptions is null)
        {
            failures.Add($"{nameof(ParityJournalOptions.JsonOptions)} is required.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsWellFormed(string connectionString)
    {
        try
        {
            _ = new DbConnectionStringBuilder { ConnectionString = connectionString };
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
