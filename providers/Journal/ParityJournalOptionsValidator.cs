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

        if (options.Storage is not ParityJournalStorage.Memory && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add($"{nameof(ParityJournalOptions.ConnectionString)} is required for {options.Storage} storage.");
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
}
