using System.Collections.Concurrent;
using Parity.GrainInterfaces.Posting;
using Parity.Grains.StoreDays;
using Parity.Runtime;

namespace Parity.StoreDays.Tests.Testing;

/// <summary>The recording double's own interface, so the resolver can address it apart from the real intake grain.</summary>
public interface IRecordingPostingIntakeGrain : IPostingIntakeGrain;

/// <summary>
/// Stands in for ERP posting: records every fact per legal entity (once per fact id, as the real intake dedupes) and can
/// be told to fail the next calls for a legal entity, to exercise the store day's retries.
/// </summary>
public sealed class RecordingPostingIntakeGrain : Grain, IRecordingPostingIntakeGrain
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
        Interlocked.Increment(ref _calls);
        if (FailuresToInject.TryGetValue(Key, out var failures) && failures > 0)
        {
            FailuresToInject[Key] = failures - 1;
            throw new InvalidOperationException($"Injected failure of posting intake {Key}.");
        }

        var facts = Facts.GetOrAdd(Key, _ => new ConcurrentDictionary<string, BusinessFact>(StringComparer.Ordinal));
        var duplicate = !facts.TryAdd(fact.FactId, fact);
        return Task.FromResult(new PostingReceipt(fact.FactId, "journal:" + fact.FactId, duplicate));
    }
}

/// <summary>Sends the store day's facts to the recording double.</summary>
public sealed class RecordingIntakeResolver : IPostingIntakeResolver
{
    public IPostingIntakeGrain Resolve(IGrainFactory grainFactory, string legalEntity) =>
        grainFactory.GetGrain<IRecordingPostingIntakeGrain>(legalEntity);
}
