using Microsoft.Extensions.Options;
using Parity.Gateway.Errors;
using Orleans.Runtime;
using Parity.Gateway.Hosting;
using Parity.Providers.Journal;

namespace Parity.Gateway.Requests;

/// <summary>
/// First of the gateway's middleware: settles the correlation id (a malformed one is refused, with a fresh id so
/// even that answer can be traced), returns it, starts Orleans' RequestContext for the request with the correlation id
/// (<see cref="ParityRequestContext"/>, so journaled events carry it), and sets the request's
/// <see cref="RequestDeadline"/>, so grain calls give up when the channel stops waiting.
/// </summary>
internal sealed class RequestContextMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, TimeProvider timeProvider)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var sent = context.Request.Headers[CorrelationId.HeaderName].ToString();
        var valid = sent.Length == 0 || CorrelationId.IsValid(sent);
        var correlationId = sent.Length > 0 && valid ? sent : CorrelationId.Create();
        CorrelationId.Set(context, correlationId);
        // Set as the answer starts: the exception handler clears headers set earlier.
        context.Response.OnStarting(static state =>
        {
            var (response, id) = ((HttpResponse, string))state;
            response.Headers[CorrelationId.HeaderName] = id;
            return Task.CompletedTask;
        }, (context.Response, correlationId));
        if (!valid)
        {
            await GatewayProblem.WriteAsync(context, ProblemType.MalformedRequest,
                $"The {CorrelationId.HeaderName} header must be 1 to {CorrelationId.MaxLength} visible ASCII characters; this answer carries a new one.");
            return;
        }

        // RequestContext is async-local: what is set here flows into the endpoint and the grain calls it makes.
        RequestContext.Clear();
        ParityRequestContext.CorrelationId = correlationId;
        RequestDeadline.Current = timeProvider.GetUtcNow() + options.Value.RequestTimeout;
        await next(context);
    }
}
