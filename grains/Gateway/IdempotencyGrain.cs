using Parity.GrainInterfaces.Gateway;

namespace Parity.Grains.Gateway;

/// <summary>
/// One idempotency key of one channel. Guarantees: a stored answer is durable before <see cref="CompleteAsync"/>
/// returns, and it is only ever replayed for the request fingerprint it was stored with. The in-flight claim lives
/// in memory only: losing it with a crashed silo at worst lets a retry run the request again, which the grains
/// below absorb because every command carries its own event id.
/// </summary>
[GrainType("idempotency-key")]
[CollectionAgeLimit(Minutes = 5)]
public sealed class IdempotencyGrain(TimeProvider clock) : Grain<IdempotencyState>, IIdempotencyGrain
{
    private string? _claimHash;
    private DateTimeOffset _claimExpiresAt;

    /// <inheritdoc />
    public async Task<IdempotencyClaim> BeginAsync(string requestHash, TimeSpan lease, TimeSpan retention)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestHash);
        var now = clock.GetUtcNow();
        if (State.Response is { } stored)
        {
            if (stored.AnsweredAt + retention > now)
            {
                return State.RequestHash == requestHash
                    ? new IdempotencyClaim(IdempotencyStatus.Completed, stored)
                    : new IdempotencyClaim(IdempotencyStatus.Mismatch);
            }

            await ClearStateAsync();
        }

        if (_claimHash is not null && _claimExpiresAt > now)
        {
            return new IdempotencyClaim(_claimHash == requestHash ? IdempotencyStatus.InFlight : IdempotencyStatus.Mismatch);
        }

        _claimHash = requestHash;
        _claimExpiresAt = now + lease;
        return new IdempotencyClaim(IdempotencyStatus.Claimed);
    }

    /// <inheritdoc />
    public async Task CompleteAsync(string requestHash, StoredResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (State.Response is not null)
        {
            if (State.RequestHash == requestHash)
            {
                return;
            }

            throw new InvalidOperationException("This idempotency key already holds the answer to another request.");
        }

        State.RequestHash = requestHash;
        State.Response = response;
        await WriteStateAsync();
        if (_claimHash == requestHash)
        {
            _claimHash = null;
        }
    }

    /// <inheritdoc />
    public Task AbandonAsync(string requestHash)
    {
        if (_claimHash == requestHash)
        {
            _claimHash = null;
        }

        return Task.CompletedTask;
    }
}
