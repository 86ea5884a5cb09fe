namespace Parity.Gateway.Idempotency;

/// <summary>Endpoint metadata: requests to this endpoint honour the <c>Idempotency-Key</c> header.</summary>
public sealed class IdempotentEndpoint
{
    /// <summary>The one instance.</summary>
    public static IdempotentEndpoint Instance { get; } = new();

    private IdempotentEndpoint() { }
}

/// <summary>Marks endpoints as idempotent.</summary>
public static class IdempotentEndpointExtensions
{
    /// <summary>Requests to these endpoints honour the <c>Idempotency-Key</c> header.</summary>
    public static TBuilder Idempotent<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotentEndpoint.Instance);
}
