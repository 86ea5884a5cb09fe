using Parity.Providers.Journal;

namespace Parity.Grains.Tests.Testing;

/// <summary>Sets the ambient correlation id the way the gateway does for a channel request.</summary>
internal static class RequestContextScope
{
    public static void Set(string correlationId) => ParityRequestContext.CorrelationId = correlationId;

    public static void Clear() => RequestContext.Clear();
}
