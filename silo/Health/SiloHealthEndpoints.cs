using Parity.Gateway.Errors;

namespace Parity.Silo.Health;

/// <summary>The silo's health endpoints, for process supervisors and load balancers.</summary>
internal static class SiloHealthEndpoints
{
    /// <summary>How long a not-ready silo asks callers to wait.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    /// <summary>
    /// <c>GET /health/live</c>: 200 while the process runs. <c>GET /health/ready</c>: 200 with the silo's address once
    /// the Orleans silo is active, 503 problem details (with Retry-After) while it starts or stops.
    /// </summary>
    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health/live", static () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        endpoints.MapGet("/health/ready", static async (SiloReadiness readiness, HttpContext context) =>
        {
            if (readiness.IsReady)
            {
                await Results.Ok(new { status = "ready", silo = readiness.Address.ToString() }).ExecuteAsync(context);
                return;
            }

            await GatewayProblem.WriteAsync(context, ProblemType.Unavailable,
                readiness.Phase == SiloPhase.Stopping ? "The silo is stopping and takes no new work." : "The silo is starting and has not joined its cluster yet.",
                RetryAfter);
        }).ExcludeFromDescription();
        return endpoints;
    }
}
