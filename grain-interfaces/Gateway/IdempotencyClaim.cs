using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Gateway;

/// <summary>What <see cref="IIdempotencyGrain.BeginAsync"/> found under an idempotency key.</summary>
/// <param name="Status">Whether the caller may go ahead.</param>
/// <param name="Response">The stored answer when <paramref name="Status"/> is <see cref="IdempotencyStatus.Completed"/>.</param>
[GenerateSerializer]
[Alias("parity.gateway.IdempotencyClaim")]
public sealed record IdempotencyClaim(
    [property: Id(0)] IdempotencyStatus Status,
    [property: Id(1)] StoredResponse? Response = null);

/// <summary>State of an idempotency key for one request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IdempotencyStatus>))]
[GenerateSerializer]
[Alias("parity.gateway.IdempotencyStatus")]
public enum IdempotencyStatus
{
    /// <summary>The key is now claimed by this request: process it, then complete or abandon.</summary>
    Claimed,
    /// <summary>The same request was answered before: replay <see cref="IdempotencyClaim.Response"/>.</summary>
    Completed,
    /// <summary>The same request is being processed right now.</summary>
    InFlight,
    /// <summary>The key was used for a different request.</summary>
    Mismatch,
}
