namespace Parity.Gateway.Requests;

/// <summary>The correlation id of a request: taken from <c>X-Correlation-Id</c> or created, returned in the same
/// header, put on every problem and flowed into Orleans' RequestContext (ParityRequestContext) so journaled events carry it.</summary>
public static class CorrelationId
{
    /// <summary>The request and response header.</summary>
    public const string HeaderName = "X-Correlation-Id";

    /// <summary>Longest correlation id accepted.</summary>
    public const int MaxLength = 128;

    private static readonly object ItemKey = new();

    /// <summary>The request's correlation id, once the correlation middleware has run.</summary>
    public static string? Get(HttpContext context) => context.Items.TryGetValue(ItemKey, out var value) ? value as string : null;

    internal static void Set(HttpContext context, string value) => context.Items[ItemKey] = value;

    /// <summary>Whether <paramref name="value"/> is usable as a correlation id: 1 to 128 visible ASCII characters.</summary>
    public static bool IsValid(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => c is > ' ' and < (char)127);

    internal static string Create() => Guid.NewGuid().ToString("N");
}
