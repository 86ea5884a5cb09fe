using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;

namespace Parity.Gateway.Requests;

/// <summary>
/// Reads the body of every /v1 request into memory under the size limit before anything else sees it: an
/// oversized body is refused with 413 whether or not it announced its length, and the idempotency check can
/// fingerprint the exact bytes the endpoint will read.
/// </summary>
internal sealed class RequestBodyBuffer(RequestDelegate next, IOptions<GatewayOptions> options)
{
    private static readonly object ItemKey = new();

    /// <summary>The buffered body of the request, empty when it had none.</summary>
    public static ReadOnlyMemory<byte> Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is byte[] bytes ? bytes : ReadOnlyMemory<byte>.Empty;

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

        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (sizeFeature is { IsReadOnly: false } && (sizeFeature.MaxRequestBodySize is null || sizeFeature.MaxRequestBodySize > limit + 1))
            {
                sizeFeature.MaxRequestBodySize = limit + 1;
            }

            var bytes = context.Request.ContentLength is { } length && length <= Array.MaxLength && context.Request.Headers.TransferEncoding.Count == 0
                ? await ReadAnnouncedAsync(context, (int)length)
                : await ReadChunkedAsync(context, limit);
            if (bytes is null)
            {
                await TooLargeAsync(context, limit);
                return;
            }

            context.Items[ItemKey] = bytes;
            context.Request.Body = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
            context.Request.ContentLength = bytes.Length;
        }

        await next(context);
    }

    // The common case: the length is announced (and already checked against the limit), so the body goes straight
    // into one array of that size. Kestrel never delivers more than announced (and fails a body that ends early); a
    // stream that ends early anyway keeps what it gave.
    private static async Task<byte[]?> ReadAnnouncedAsync(HttpContext context, int length)
    {
        var bytes = new byte[length];
        var filled = 0;
        int read;
        while (filled < length && (read = await context.Request.Body.ReadAsync(bytes.AsMemory(filled), context.RequestAborted)) > 0)
        {
            filled += read;
        }

        return filled == length ? bytes : bytes[..filled];
    }

    // Chunked: the size is known only at the end, so read in pooled chunks and stop as soon as the limit is passed.
    private static async Task<byte[]?> ReadChunkedAsync(HttpContext context, long limit)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            var buffer = new MemoryStream();
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static Task TooLargeAsync(HttpContext context, long limit)
    {
        // The rest of an oversized body is not read; the connection closes after the answer.
        context.Response.Headers.Connection = "close";
        return GatewayProblem.WriteAsync(context, ProblemType.RequestTooLarge,
            $"The request body is larger than the {limit:N0} bytes the gateway accepts. Split the request into smaller ones.");
    }
}
