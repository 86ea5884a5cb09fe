
namespace Parity.GrainInterfaces.Gateway;

/// <summary>
/// Remembers the answer to one channel request sent with an <c>Idempotency-Key</c> (key
/// <c>{channel}/{idempotency key}</c>), so a replay gets the original status and body and the same key with
/// another request is refused. The answer is stored durably before the gateway sends it; the claim on a key
/// in flight is held in memory with a lease, so a gateway that dies mid-request never blocks the key for longer.
/// </summary>
[Orleans.Alias("parity.gateway.IIdempotencyGrain")]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    /// <summary>Claims the key for a request with fingerprint <paramref name="requestHash"/>, or reports what
    /// already happened under it.</summary>
    /// <param name="requestHash">Fingerprint of method, path and body.</param>
    /// <param name="lease">How long the claim holds without <see cref="CompleteAsync"/> or <see cref="AbandonAsync"/>.</param>
    /// <param name="retention">How long a stored answer is replayed; an older one is forgotten and the key claimed anew.</param>
    [Orleans.Alias("Begin")]
    Task<IdempotencyClaim> BeginAsync(string requestHash, TimeSpan lease, TimeSpan retention);

    /// <summary>Stores the answer of the claimed request; durable when the call returns.</summary>
    /// <param name="requestHash">Fingerprint given to <see cref="BeginAsync"/>.</param>
    /// <param name="response">The answer to replay.</param>
    /// <exception cref="InvalidOperationException">The key holds an answer to another request.</exception>
    [Orleans.Alias("Complete")]
    Task CompleteAsync(string requestHash, StoredResponse response);

    /// <summary>Gives the claim up without an answer (the request failed in a way worth retrying).</summary>
    /// <param name="requestHash">Fingerprint given to <see cref="BeginAsync"/>.</param>
    [Orleans.Alias("Abandon")]
    Task AbandonAsync(string requestHash);
}
