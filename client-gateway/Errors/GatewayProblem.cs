using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Parity.Gateway.Requests;

namespace Parity.Gateway.Errors;

/// <summary>Builds and writes the gateway's problem details: every error answer goes through here or through
/// <see cref="Enrich"/> (for the framework's own problems), so each carries a type, a title and the correlation id.</summary>
public static class GatewayProblem
{
    /// <summary>A problem of <paramref name="type"/> for this request.</summary>
    public static ProblemDetails Create(HttpContext context, ProblemType type, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var problem = new ProblemDetails { Type = type.Uri, Title = type.Title, Status = type.Status, Detail = detail };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem.Extensions[key] = value;
            }
        }

        Enrich(context, problem);
        return problem;
    }

    /// <summary>A problem as an endpoint result.</summary>
    public static IResult Result(HttpContext context, ProblemType type, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null) =>
        TypedResults.Problem(Create(context, type, detail, extensions));

    /// <summary>Writes a problem as the response (from middleware), with Retry-After when given.</summary>
    public static Task WriteAsync(HttpContext context, ProblemType type, string detail, TimeSpan? retryAfter = null,
        IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        context.Response.StatusCode = type.Status;
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(Create(context, type, detail, extensions)).ExecuteAsync(context);
    }

    /// <summary>Whole seconds for a Retry-After header: at least one, rounded up.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>Gives a problem the gateway's shape: a Parity type and business-friendly title for bare status codes
    /// (404 route, 405, framework 400s), the request path as instance and the correlation id.</summary>
    public static void Enrich(HttpContext context, ProblemDetails problem)
    {
        if (problem.Type is null || !problem.Type.StartsWith(ProblemType.UriPrefix, StringComparison.Ordinal))
        {
            var type = ProblemType.ForStatus(problem.Status ?? context.Response.StatusCode);
            problem.Type = type.Uri;
            problem.Title = type.Title;
            problem.Detail ??= DefaultDetail(context, type);
        }

        problem.Instance ??= context.Request.Path;
        problem.Extensions.Remove("traceId");
        if (CorrelationId.Get(context) is { } correlationId)
        {
            problem.Extensions["correlationId"] = correlationId;
        }
    }

    private static string DefaultDetail(HttpContext context, ProblemType type) => type.Status switch
    {
        404 => $"There is nothing at {context.Request.Path}. The API lives under /v1; see /openapi/v1.json for its operations.",
        405 => $"{context.Request.Method} is not supported on {context.Request.Path}; see /openapi/v1.json for the methods it takes.",
        415 => "Send the body as JSON with Content-Type: application/json.",
        >= 500 => "The request could not be completed. Retrying with the same Idempotency-Key is safe.",
        _ => "The request could not be completed as sent.",
    };
}
