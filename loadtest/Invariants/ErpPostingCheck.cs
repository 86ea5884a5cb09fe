using Parity.ErpSandbox;
using Parity.GrainInterfaces.Posting;

namespace Parity.LoadTest.Invariants;

/// <summary>What the sandbox ERP holds after a run, compared with the journals the acknowledged operations imply.</summary>
/// <param name="Duplicates">Documents beyond one per journal key, plus documents beyond the expected count per business fact.</param>
/// <param name="Missing">Expected journals with no document once posting went quiet (held, rejected or still queued).</param>
/// <param name="Documents">Documents posted.</param>
/// <param name="Expected">Journals the acknowledged operations imply.</param>
/// <param name="ResendsDeduplicated">Sends the sandbox answered as duplicates of a posted external id (retries it absorbed).</param>
/// <param name="Rejected">Journals the sandbox refused.</param>
internal sealed record ErpPostingCount(long Duplicates, long Missing, long Documents, long Expected, long ResendsDeduplicated, long Rejected);

/// <summary>Counts duplicate ERP postings in the sandbox ERP once the silo has stopped posting.</summary>
internal static class ErpPostingCheck
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Waits until every expected journal is posted or the sandbox has seen no request for a while (at most a minute),
    /// then counts. <paramref name="expected"/> maps a journal description (<see cref="Description"/>) to how many
    /// journals of it the acknowledged operations imply.
    /// </summary>
    public static async Task<ErpPostingCount> CountAsync(SandboxLedger ledger, IReadOnlyDictionary<string, int> expected, CancellationToken cancellationToken)
    {
        var total = expected.Values.Sum();
        var started = DateTime.UtcNow;
        var last = ledger.Counts.Requests;
        var lastChange = DateTime.UtcNow;
        while (DateTime.UtcNow - started < Longest)
        {
            var counts = ledger.Counts;
            if (counts.Posted >= total && DateTime.UtcNow - lastChange >= TimeSpan.FromSeconds(1))
            {
                break;
            }

            if (counts.Requests != last)
            {
                (last, lastChange) = (counts.Requests, DateTime.UtcNow);
            }
            else if (DateTime.UtcNow - lastChange >= Quiet && counts.Posted > 0)
            {
                break;
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        return Count(ledger.Documents, ledger.Counts, expected);
    }

    /// <summary>
    /// The description posting gives the journal of a fact (<c>{kind} {order id}</c> for order facts,
    /// <c>{kind} {fact id}</c> otherwise, see <c>PostingRules.Build</c>): the key of an expectation.
    /// </summary>
    public static string Description(BusinessFactKind kind, string orderOrFactId) => $"{kind} {orderOrFactId}";

    /// <summary><paramref name="result"/> with the duplicate postings counted in the sandbox ERP and a note saying what
    /// <paramref name="implied"/> the expected journals (replacing the "not measured" note). Store days that did not
    /// close (<paramref name="closeFailures"/>) are named; their journals count as not posted.</summary>
    public static InvariantResult WithPostings(InvariantResult result, ErpPostingCount postings, string implied, IReadOnlyList<string>? closeFailures = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(postings);
        var note = $"duplicatePostings: counted in the sandbox ERP: {postings.Documents} journal(s) posted for {postings.Expected} implied by {implied}; {postings.Duplicates} duplicate(s), {postings.Missing} not (yet) posted, {postings.Rejected} rejected, {postings.ResendsDeduplicated} resend(s) absorbed by external-id dedupe";
        var counted = result with
        {
            DuplicatePostings = postings.Duplicates,
            Notes = [.. result.Notes.Where(n => !n.StartsWith("duplicatePostings:", StringComparison.Ordinal)), note],
        };
        return closeFailures is not { Count: > 0 } ? counted : counted with
        {
            Notes = [.. counted.Notes, $"{closeFailures.Count} store day(s) did not close; their journals count as not posted"],
            Details = [.. counted.Details, .. closeFailures],
        };
    }

    /// <summary>The count itself, separate so a test can feed it planted documents.</summary>
    public static ErpPostingCount Count(IReadOnlyList<SandboxDocument> documents, SandboxCounts counts, IReadOnlyDictionary<string, int> expected)
    {
        long duplicates = documents.GroupBy(d => d.Journal.ExternalId ?? "", StringComparer.Ordinal).Sum(g => g.Count() - 1);
        var byFact = documents.GroupBy(d => d.Journal.Description ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        long missing = 0;
        foreach (var (fact, count) in expected)
        {
            var posted = byFact.GetValueOrDefault(fact);
            duplicates += Math.Max(0, posted - count);
            missing += Math.Max(0, count - posted);
        }

        return new ErpPostingCount(duplicates, missing, documents.Count, expected.Values.Sum(), counts.Duplicates, counts.Rejected);
    }
}
