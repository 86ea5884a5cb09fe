using System.Collections.Immutable;

namespace Parity.Runtime;

/// <summary>
/// Ambient values that flow with a call from grain to grain (Orleans' RequestContext): correlation id,
/// causation and source of the current command, the call chain used for deadlock detection, and the
/// deadline after which nobody is waiting for the answer. Values set in a callee never leak back to its caller.
/// </summary>
public static class RequestContext
{
    private static readonly AsyncLocal<CallContextData?> Current = new();

    /// <summary>The id that ties every event and log line of one channel request together.</summary>
    public static string? CorrelationId
    {
        get => Current.Value?.CorrelationId;
        set => Current.Value = (Current.Value ?? CallContextData.Empty) with { CorrelationId = value };
    }

    /// <summary>The id of the command or event that caused the current work (recorded as causation id on events).</summary>
    public static string? CausationId
    {
        get => Get("CausationId") as string;
        set => Set("CausationId", value);
    }

    /// <summary>The system the current command came from (e.g. <c>shopify</c>, <c>pos</c>).</summary>
    public static string? SourceSystem
    {
        get => Get("SourceSystem") as string;
        set => Set("SourceSystem", value);
    }

    /// <summary>The source system's own id of the current command or event.</summary>
    public static string? SourceEventId
    {
        get => Get("SourceEventId") as string;
        set => Set("SourceEventId", value);
    }

    /// <summary>When nobody waits for the current call any more; outgoing calls inherit it.</summary>
    public static DateTimeOffset? Deadline
    {
        get => Current.Value?.Deadline;
        set => Current.Value = (Current.Value ?? CallContextData.Empty) with { Deadline = value };
    }

    /// <summary>The grains the current call passed through, outermost first.</summary>
    public static IReadOnlyList<GrainId> CallChain => Current.Value?.CallChain ?? ImmutableArray<GrainId>.Empty;

    /// <summary>Sets an arbitrary value that flows with calls.</summary>
    public static void Set(string key, object? value)
    {
        var data = Current.Value ?? CallContextData.Empty;
        Current.Value = data with { Items = value is null ? data.Items.Remove(key) : data.Items.SetItem(key, value) };
    }

    /// <summary>Reads a value set with <see cref="Set"/>, or null.</summary>
    public static object? Get(string key) => Current.Value is { } data && data.Items.TryGetValue(key, out var value) ? value : null;

    /// <summary>Removes every value from the current flow.</summary>
    public static void Clear() => Current.Value = null;

    internal static CallContextData? Capture() => Current.Value;

    internal static void Restore(CallContextData? data) => Current.Value = data;
}

/// <summary>The immutable snapshot of <see cref="RequestContext"/> carried by a message.</summary>
internal sealed record CallContextData(
    string? CorrelationId,
    DateTimeOffset? Deadline,
    ImmutableArray<GrainId> CallChain,
    ImmutableDictionary<string, object> Items)
{
    public static readonly CallContextData Empty = new(null, null, ImmutableArray<GrainId>.Empty, ImmutableDictionary<string, object>.Empty);
}
