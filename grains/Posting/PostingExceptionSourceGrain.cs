using Orleans.Concurrency;
using Parity.GrainInterfaces.Erp;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Posting;

namespace Parity.Grains.Posting;

/// <summary>
/// Posting's exception source (key = legal entity). Stateless: it reads the trace key the posting grains raised
/// (<c>erp/{entity}/rejected/{journalKey}</c>, <c>posting/{entity}/{category}/{detail}</c>) and asks the grain that
/// holds the journal or fact to rebuild it. It is its own grain rather than a method on the posting grains so that
/// their interfaces (and every test double of them) stay as they are. A stateless worker: it runs on the silo that
/// asks, and retries of several exceptions of one legal entity do not queue behind each other.
/// </summary>
[StatelessWorker]
[GrainType("posting-exception-source")]
public sealed class PostingExceptionSourceGrain : Grain, IPostingExceptionSourceGrain
{
    private string Key => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public async Task<ExceptionRetryOutcome> RetryAsync(string traceKey, IReadOnlyDictionary<string, string> edits)
    {
        ArgumentNullException.ThrowIfNull(traceKey);
        var rejectedPrefix = $"erp/{Key}/rejected/";
        if (traceKey.StartsWith(rejectedPrefix, StringComparison.Ordinal))
        {
            var journalKey = traceKey[rejectedPrefix.Length..];
            var queued = await GrainFactory.GetGrain<IErpPostingGrain>(Key).RetryRejectedAsync(journalKey);
            // Queued again under the same key: if the ERP rejects it again, the new rejection reopens the exception.
            return new ExceptionRetryOutcome(queued, queued
                ? $"Journal {journalKey} was rebuilt with the current posting rules and queued for the ERP again."
                : $"Journal {journalKey} is not rejected (any more); nothing was sent.");
        }

        var heldPrefix = $"posting/{Key}/";
        if (!traceKey.StartsWith(heldPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{traceKey}' is not a posting exception of legal entity {Key}.", nameof(traceKey));
        }

        var rest = traceKey[heldPrefix.Length..].Split('/', 2);
        if (rest.Length != 2 || !Enum.TryParse<ExceptionCategory>(rest[0], out var category))
        {
            throw new ArgumentException($"'{traceKey}' names no posting exception category.", nameof(traceKey));
        }

        var intake = GrainFactory.GetGrain<IPostingIntakeGrain>(Key);
        var detail = rest[1];
        // An unmapped amount collapses every fact it holds into one exception (detail = the reason); an imbalance is
        // per fact (detail = fact id). Every fact behind the exception is retried.
        var factIds = (await intake.GetHeldAsync())
            .Where(h => h.Category == category && (h.Fact.FactId == detail || (category == ExceptionCategory.UnmappedTaxCode && IsUnmapped(h, detail))))
            .Select(h => h.Fact.FactId)
            .ToList();
        var released = 0;
        foreach (var factId in factIds)
        {
            if (await intake.RetryHeldAsync(factId))
            {
                released++;
            }
        }

        return new ExceptionRetryOutcome(released == factIds.Count, factIds.Count == 0
            ? "No fact is held for this exception any more."
            : $"{released} of {factIds.Count} held facts were rebuilt with the current posting rules and handed to the ERP queue.");
    }

    // PostingRules names an unmapped hold "{kind}:{missing}" in the trace key and "No posting rule maps {missing} of
    // a {kind} fact ..." in the reason; the held fact keeps only the reason, so the two are matched here.
    private static bool IsUnmapped(HeldFact held, string detail)
    {
        var parts = detail.Split(':', 2);
        return parts.Length == 2 && parts[0] == held.Fact.Kind.ToString()
            && held.Reason.StartsWith($"No posting rule maps {parts[1]} of a {parts[0]} fact", StringComparison.Ordinal);
    }
}
