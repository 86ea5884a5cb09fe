using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;

// Next to MapParityGateway.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Health endpoints of a gateway process (a co-hosting silo maps its own).</summary>
public static class ClusterConnectionHealth
{
    /// <summary>Maps <c>/health/live</c> (the process runs) and <c>/health/ready</c> (200 once the cluster client sees an
    /// Active silo, 503 problem details before). Needs <c>AddParityClusterConnection</c>.</summary>
    public static WebApplication MapClusterConnectionHealth(this WebApplication app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapGet("/health/ready", (ClusterConnection cluster, HttpContext context) => cluster.IsReady
                ? Results.Ok(new { status = "ready", activeSilos = cluster.ActiveSilos })
                : GatewayProblem.Result(context, ProblemType.Unavailable, "The gateway does not see an Active silo of its cluster yet."))
            .ExcludeFromDescription();
        return app;
    }
}
