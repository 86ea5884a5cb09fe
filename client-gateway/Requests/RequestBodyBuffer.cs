using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;

namespace Parity.Gateway.Requests;

/// <summary>
/// Reads the body of every /v1 request into a pooled buffer under the size limit, after authentication, rate
/// limiting and authorisation (so an anonymous or refused client never makes the gateway read or hold its body) and
/// before the idempotency check and the endpoint: an oversized body is refused with 413 whether or not it announced
/// its length, the idempotency check can fingerprint the exact bytes the endpoint will read, and the bytes held at once
/// across all requests stay within <see cref="RequestBodyBudget"/> (503 with Retry-After beyond it).
/// </summary>
internal sealed class RequestBodyBuffer(RequestDelegate next, IOptions<GatewayOptions> options, RequestBodyBudget budget)
{
    private const int ChunkSize = 16 * 1024;
    private static readonly object ItemKey = new();

    /// <summary>How long a client refused for the budget should wait: bodies in flight finish within seconds.</summary>
    public static readonly TimeSpan BudgetRetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>The buffered body of the request, empty when it had none.</summary>
    public static ReadOnlyMemory<byte> Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is ReadOnlyMemory<byte> bytes ? bytes : ReadOnlyMemory<byte>.Empty;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(GatewayRoutes.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }

        if (context.Request.ContentLength is not > 0 && context.Request.Headers.TransferEncoding.Count == 0)
        {
            await next(context);
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false } && (sizeFeature.MaxRequestBodySize is null || sizeFeature.MaxRequestBodySize > limit + 1))
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        using var body = new PooledBody(budget);
        var read = context.Request.ContentLength is { } length && context.Request.Headers.TransferEncoding.Count == 0
            ? await body.ReadAnnouncedAsync(context, (int)length)
            : await body.ReadChunkedAsync(context, limit);
        switch (read)
        {
            case ReadResult.TooLarge:
                await TooLargeAsync(context, limit);
                return;
            case ReadResult.OverBudget:
                // The rest of the body is not read; the connection closes after the answer.
                context.Response.Headers.Connection = "close";
                await GatewayProblem.WriteAsync(context, ProblemType.Overloaded,
                    "The gateway is holding as many request bodies as it may right now; nothing was read or changed. Retry after the time in Retry-After.",
                    BudgetRetryAfter);
                return;
        }

        context.Items[ItemKey] = body.Memory;
        context.Request.Body = new MemoryStream(body.Array, 0, body.Length, writable: false, publiclyVisible: true);
        context.Request.ContentLength = body.Length;
        await next(context);
    }

    private static Task TooLargeAsync(HttpContext context, long limit)
    {
        // The rest of an oversized body is not read; the connection closes after the answer.
        context.Response.Headers.Connection = "close";
        return GatewayProblem.WriteAsync(context, ProblemType.RequestTooLarge,
            $"The request body is larger than the {limit:N0} bytes the gateway accepts. Split the request into smaller ones.");
    }

    private enum ReadResult
    {
        Read,
        TooLarge,
        OverBudget,
    }

    /// <summary>A body in an array rented from the shared pool, its size counted against the budget until disposed
    /// (after the endpoint has answered).</summary>
    private sealed class PooledBody(RequestBodyBudget budget) : IDisposable
    {
        private long _reserved;

        public byte[] Array { get; private set; } = [];

        public int Length { get; private set; }

        public ReadOnlyMemory<byte> Memory => Array.AsMemory(0, Length);

        // The length is announced (and already checked against the limit): its share of the budget is taken before the
        // first byte is read, and the body goes straight into one pooled array. Kestrel never delivers more than
        // announced (and fails a body that ends early); a stream that ends early anyway keeps what it gave.
        public async Task<ReadResult> ReadAnnouncedAsync(HttpContext context, int length)
        {
            if (!Reserve(length))
            {
                return ReadResult.OverBudget;
            }

            Array = ArrayPool<byte>.Shared.Rent(length);
            int read;
            while (Length < length && (read = await context.Request.Body.ReadAsync(Array.AsMemory(Length, length - Length), context.RequestAborted)) > 0)
            {
                Length += read;
            }

            return ReadResult.Read;
        }

        // Chunked: the size is known only at the end, so the buffer grows chunk by chunk, each growth taken from the
        // budget, and reading stops as soon as the limit is passed.
        public async Task<ReadResult> ReadChunkedAsync(HttpContext context, long limit)
        {
            while (true)
            {
                if (Length == Array.Length)
                {
                    var grown = Math.Max(ChunkSize, Array.Length * 2L);
                    if (!Reserve(grown - Array.Length))
                    {
                        return ReadResult.OverBudget;
                    }

                    var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(grown, System.Array.MaxLength));
                    Array.AsSpan(0, Length).CopyTo(bigger);
                    ReturnArray();
                    Array = bigger;
                }

                var read = await context.Request.Body.ReadAsync(Array.AsMemory(Length), context.RequestAborted);
                if (read == 0)
                {
                    return ReadResult.Read;
                }

                Length += read;
                if (Length > limit)
                {
                    return ReadResult.TooLarge;
                }
            }
        }

        public void Dispose()
        {
            ReturnArray();
            budget.Release(_reserved);
            _reserved = 0;
        }

        private bool Reserve(long bytes)
        {
            if (!budget.TryReserve(bytes))
            {
                return false;
            }

            _reserved += bytes;
            return true;
        }

        private void ReturnArray()
        {
            if (Array.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(Array);
            }

            Array = [];
        }
    }
}
