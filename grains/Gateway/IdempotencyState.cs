using Parity.GrainInterfaces.Gateway;

namespace Parity.Grains.Gateway;

/// <summary>The stored answer of an idempotency key; empty until the first request under it is answered. Generated
/// serializer: Orleans' grain-storage serializers read back only types on Orleans' allow-list.</summary>
[GenerateSerializer]
[Alias("parity.gateway.IdempotencyState")]
public sealed class IdempotencyState
{
    /// <summary>Fingerprint of the request answered.</summary>
    [Id(0)]
    public string? RequestHash { get; set; }

    /// <summary>The answer to replay.</summary>
    [Id(1)]
    public StoredResponse? Response { get; set; }
}
