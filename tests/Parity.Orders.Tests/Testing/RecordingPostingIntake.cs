using System.Collections.Concurrent;
using Parity.GrainInterfaces.Posting;

namespace Parity.Orders.Tests.Testing;

/// <summary>
/// Stands in for ERP posting's intake (same grain type; the shared test silo drops the real class): records every
/// fact, answers a repeated fact id as a duplicate, and can refuse calls to exercise the order's retries.
/// </summary>
[GrainType("posting-intake")]
internal sealed class RecordingPostingIntake : Grain, IPostingIntakeGrain
{
    private static readonly ConcurrentDictionary<string, BusinessFact> Facts = new(StringComparer.Ordinal);
    private static readonly ConcurrentQueue<string> Submissions = new();

    /// <summary>When set, every submission fails (posting unavailable).</summary>
    public static volatile bool Refuse;

    public static IReadOnlyList<BusinessFact> FactsOf(string orderId) =>
        Facts.Values.Where(f => f.OrderId == orderId).OrderBy(f => f.FactId, StringComparer.Ordinal).ToList();

    public static int SubmissionsOf(string factId) => Submissions.Count(s => s == factId);

    /// <summary>The double holds nothing back: every fact is recorded as submitted.</summary>
    public Task<bool> RetryHeldAsync(string factId) => Task.FromResult(false);

    /// <summary>The double holds nothing back.</summary>
    public Task<IReadOnlyList<HeldFact>> GetHeldAsync() => Task.FromResult<IReadOnlyList<HeldFact>>([]);

    public Task<PostingReceipt> SubmitAsync(BusinessFact fact)
    {
        if (Refuse)
        {
            throw new InvalidOperationException("Posting is refusing facts (test).");
        }

        Submissions.Enqueue(fact.FactId);
        var duplicate = !Facts.TryAdd(fact.FactId, fact);
        return Task.FromResult(new PostingReceipt(fact.FactId, $"journal:{fact.FactId}", duplicate));
    }
}
