using System.Collections.Concurrent;
using Parity.GrainInterfaces.Posting;

namespace Parity.StoreDays.Tests.Testing;

/// <summary>
/// Stands in for ERP posting (same grain type; the test silos drop the real intake class): records every fact per legal
/// entity (once per fact id, as the real intake dedupes) and can be told to fail the next calls for a legal entity, to
/// exercise the store day's retries.
/// </summary>
[GrainType("posting-intake")]
internal sealed class RecordingPostingIntakeGrain : Grain, IPostingIntakeGrain
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, BusinessFact>> Facts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> FailuresToInject = new(StringComparer.Ordinal);
    private static int _calls;

    /// <summary>Every SubmitAsync call, failed ones included.</summary>
    public static int Calls => Volatile.Read(ref _calls);

    public static IReadOnlyList<BusinessFact> FactsOf(string legalEntity) =>
        Facts.TryGetValue(legalEntity, out var facts) ? facts.Values.ToList() : [];

    public static void FailNext(string legalEntity, int calls) => FailuresToInject[legalEntity] = calls;

    /// <summary>The double holds nothing back: every fact is recorded as submitted.</summary>
    public Task<bool> RetryHeldAsync(string factId) => Task.FromResult(false);

    /// <summary>The double holds nothing back.</summary>
    public Task<IReadOnlyList<HeldFact>> GetHeldAsync() => Task.FromResult<IReadOnlyList<HeldFact>>([]);

    public Task<PostingReceipt> SubmitAsync(BusinessFact fact)
    {
        var key = this.GetPrimaryKeyString();
        Interlocked.Increment(ref _calls);
        if (FailuresToInject.TryGetValue(key, out var failures) && failures > 0)
        {
            FailuresToInject[key] = failures - 1;
            throw new InvalidOperationException($"Injected failure of posting intake {key}.");
        }

        var facts = Facts.GetOrAdd(key, _ => new ConcurrentDictionary<string, BusinessFact>(StringComparer.Ordinal));
        var duplicate = !facts.TryAdd(fact.FactId, fact);
        return Task.FromResult(new PostingReceipt(fact.FactId, "journal:" + fact.FactId, duplicate));
    }
}
