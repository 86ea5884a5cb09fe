using Microsoft.Extensions.Options;
using Parity.Gateway.Hosting;

namespace Parity.Gateway.Requests;

/// <summary>
/// The bytes of request bodies the gateway holds in memory at once, across every request: a body is read only when
/// its share fits (<see cref="GatewayOptions.RequestBodyBudgetBytes"/>), so many slow uploads cannot make the process
/// allocate without bound; past it the request is answered 503 with Retry-After.
/// </summary>
internal sealed class RequestBodyBudget(IOptions<GatewayOptions> options)
{
    private long _inUse;

    /// <summary>Bytes held now.</summary>
    public long InUse => Interlocked.Read(ref _inUse);

    /// <summary>Takes <paramref name="bytes"/> from the budget when they fit.</summary>
    public bool TryReserve(long bytes)
    {
        var limit = options.Value.RequestBodyBudgetBytes;
        while (true)
        {
            var current = Interlocked.Read(ref _inUse);
            if (current + bytes > limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inUse, current + bytes, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Gives <paramref name="bytes"/> back.</summary>
    public void Release(long bytes) => Interlocked.Add(ref _inUse, -bytes);
}
