using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;

namespace Parity.Gateway.Requests;

/// <summary>
/// In a gateway process whose Orleans client has not connected yet, answers every <c>/v1</c> request 503 (with
/// Retry-After) before anything else runs: until the client has the cluster's manifest it cannot even address a grain.
/// A host without <c>UseParityClusterClient</c> (a co-hosting silo, a test) passes everything through.
/// </summary>
internal sealed class ClusterAvailabilityMiddleware(RequestDelegate next, IServiceProvider services)
{
    private readonly ClusterConnectionState? _state = services.GetService<ClusterConnectionState>();
    private readonly ClusterClientSettings? _settings = services.GetService<ClusterClientSettings>();

    public Task InvokeAsync(HttpContext context)
    {
        if (_state is null || _state.HasStarted || !context.Request.Path.StartsWithSegments(GatewayRoutes.Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        return GatewayProblem.WriteAsync(context, ProblemType.Unavailable,
            $"The gateway has not reached {_settings?.Describe() ?? "its cluster"} yet and keeps trying; nothing was received. Retry after the time in Retry-After.",
            _settings?.ConnectRetryDelay ?? ExceptionMapping.UnavailableRetryAfter);
    }
}
