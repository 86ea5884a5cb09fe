
namespace Parity.GrainInterfaces.Exceptions;

/// <summary>
/// A grain that raises exceptions and can retry them. It knows which of its side effects already happened (journaled,
/// idempotent by event id or journal key), so a retry or replay re-drives only what is not done and never duplicates.
/// </summary>
[Orleans.Alias("parity.exceptions.IExceptionSource")]
public interface IExceptionSource : IGrainWithStringKey
{
    /// <summary>Retries the exception <paramref name="traceKey"/>, first applying <paramref name="edits"/> (empty for a
    /// plain replay). Which edits are understood depends on the source (a settlement batch takes <c>orderId</c> or
    /// <c>reference</c> for an unmatched line).</summary>
    /// <returns>Whether the problem is gone, and what happened.</returns>
    [Orleans.Alias("Retry")]
    Task<ExceptionRetryOutcome> RetryAsync(string traceKey, IReadOnlyDictionary<string, string> edits);
}

/// <summary>What a retry achieved.</summary>
/// <param name="Resolved">True when the cause is gone and the exception may be resolved.</param>
/// <param name="Message">What happened, in business words.</param>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.exceptions.ExceptionRetryOutcome")]
public sealed record ExceptionRetryOutcome(
    [property: Orleans.Id(0)] bool Resolved,
    [property: Orleans.Id(1)] string Message);

/// <summary>
/// Finds the grain behind an <see cref="ExceptionSourceRef"/>. Each source kind registers how to reach its grain
/// (grain interfaces cannot be resolved from <see cref="IExceptionSource"/> alone, because several classes implement it).
/// </summary>
public static class ExceptionSources
{
    private static readonly Dictionary<string, Func<IGrainFactory, string, IExceptionSource>> Kinds = new(StringComparer.Ordinal)
    {
        [Settlements.ISettlementBatchGrain.SourceKind] = static (grains, key) => grains.GetGrain<Settlements.ISettlementBatchGrain>(key),
        [Posting.IPostingExceptionSourceGrain.SourceKind] = static (grains, key) => grains.GetGrain<Posting.IPostingExceptionSourceGrain>(key),
    };

    private static readonly Lock Gate = new();

    /// <summary>Registers a source kind (e.g. ERP posting grains); replacing a kind is allowed.</summary>
    public static void Register(string kind, Func<IGrainFactory, string, IExceptionSource> resolve)
    {
        lock (Gate)
        {
            Kinds[kind] = resolve;
        }
    }

    /// <summary>The grain behind <paramref name="source"/>, or null when its kind is not registered.</summary>
    public static IExceptionSource? Resolve(IGrainFactory grains, ExceptionSourceRef source)
    {
        lock (Gate)
        {
            return Kinds.TryGetValue(source.Kind, out var resolve) ? resolve(grains, source.Key) : null;
        }
    }
}
