using Parity.GrainInterfaces.Exceptions;

namespace Parity.Settlements.Tests.Testing;

/// <summary>
/// The exception queue as a test found it. The queue is one grain for the whole cluster and the tests share a cluster
/// (one test at a time), so a test asserts on the exceptions raised since its baseline: new trace keys, and known ones
/// reported again.
/// </summary>
public sealed class ExceptionBaseline
{
    private readonly IExceptionQueueGrain _queue;
    private readonly Dictionary<string, int> _occurrences;

    private ExceptionBaseline(IExceptionQueueGrain queue, Dictionary<string, int> occurrences)
    {
        _queue = queue;
        _occurrences = occurrences;
    }

    public static async Task<ExceptionBaseline> TakeAsync(IExceptionQueueGrain queue) =>
        new(queue, (await queue.GetAsync()).ToDictionary(r => r.TraceKey, r => r.Occurrences, StringComparer.Ordinal));

    /// <summary>The exceptions (of <paramref name="category"/>, or all) raised since the baseline was taken.</summary>
    public async Task<IReadOnlyList<ExceptionRecord>> RaisedSinceAsync(ExceptionCategory? category = null) =>
        (await _queue.GetAsync(category))
            .Where(r => !_occurrences.TryGetValue(r.TraceKey, out var occurrences) || r.Occurrences > occurrences)
            .ToList();
}
