using Microsoft.AspNetCore.Diagnostics;

namespace Parity.Gateway.Errors;

/// <summary>The one place unhandled exceptions become answers: problem details by <see cref="ExceptionMapping"/>,
/// with Retry-After on 503s. Server-side failures are logged; client mistakes are not.</summary>
internal sealed partial class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The channel hung up: nobody reads an answer.
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        // The handler runs with the endpoint cleared; the feature keeps the one that failed.
        var bodyType = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        var mapped = ExceptionMapping.Map(exception, bodyType);
        if (mapped.Type.Status >= 500)
        {
            LogServerFailure(logger, exception, httpContext.Request.Method, httpContext.Request.Path, mapped.Type.Status);
        }

        await GatewayProblem.WriteAsync(httpContext, mapped.Type, mapped.Detail, mapped.RetryAfter, mapped.Extensions);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} failed with {Status}")]
    private static partial void LogServerFailure(ILogger logger, Exception exception, string method, string path, int status);
}
