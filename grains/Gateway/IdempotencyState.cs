using Parity.GrainInterfaces.Gateway;

namespace Parity.Grains.Gateway;

/// <summary>The stored answer of an idempotency key; empty until the first request under it is answered.</summary>
public sealed class IdempotencyState
{
    /// <summary>Fingerprint of the request answered.</summary>
    public string? RequestHash { get; set; }

    /// <summary>The answer to replay.</summary>
    public StoredResponse? Response { get; set; }
}
