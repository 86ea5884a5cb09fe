using System.Collections.Concurrent;
using Parity.GrainInterfaces.Posting;

namespace Parity.Settlements.Tests.Testing;

/// <summary>Stands in for ERP posting (its own tests are in Parity.Erp.Tests): records every submission, dedupes by
/// fact id as the contract requires, and can be told to fail so hand-off retries can be tested. It answers for
/// <see cref="IPostingIntakeGrain"/> because <see cref="SettlementSiloConfigurator"/> leaves the real grain out.</summary>
[GrainType("test-posting-intake")]
public sealed class RecordingPostingIntake : Grain, IPostingIntakeGrain
{
    private static int _failuresLeft;

    /// <summary>Every submission, in order, including duplicates.</summary>
    public static ConcurrentQueue<BusinessFact> Submissions { get; } = new();

    /// <summary>The next <paramref name="count"/> submissions fail.</summary>
    public static void FailNext(int count) => Interlocked.Exchange(ref _failuresLeft, count);

    /// <summary>Submissions of one fact.</summary>
    public static IReadOnlyList<BusinessFact> Of(string factId) => Submissions.Where(f => f.FactId == factId).ToList();

    /// <summary>The double holds nothing back: every fact is recorded as submitted.</summary>
    public Task<bool> RetryHeldAsync(string factId) => Task.FromResult(false);

    /// <summary>The double holds nothing back.</summary>
    public Task<IReadOnlyList<HeldFact>> GetHeldAsync() => Task.FromResult<IReadOnlyList<HeldFact>>([]);

    /// <inheritdoc />
    public Task<PostingReceipt> SubmitAsync(BusinessFact fact)
    {
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new InvalidOperationException("posting is down (test)");
        }

        var duplicate = Submissions.Any(f => f.FactId == fact.FactId);
        Submissions.Enqueue(fact);
        return Task.FromResult(new PostingReceipt(fact.FactId, "journal:" + fact.FactId, duplicate));
    }
}
