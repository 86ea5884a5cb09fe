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

            var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    await TooLargeAsync(context, limit);
                    return;
                }

                buffer.Write(chunk, 0, read);
            }

            var bytes = buffer.ToArray();
            context.Items[ItemKey] = bytes;
            context.Request.Body = new MemoryStream(bytes, writable: false);
            context.Request.ContentLength = bytes.Length;
        }

        await next(context);
    }

    private static Task TooLargeAsync(HttpContext context, long limit)
    {
        // The rest of an oversized body is not read; the connection closes after the answer.
        context.Response.Headers.Connection = "close";
        return GatewayProblem.WriteAsync(context, ProblemType.RequestTooLarge,
            $"The request body is larger than the {limit:N0} bytes the gateway accepts. Split the request into smaller ones.");
    }
}
