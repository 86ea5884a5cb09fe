using Parity.Gateway.Errors;
using Parity.Gateway.Hosting;

// Next to MapParityGateway.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Health endpoints of a gateway process (a co-hosting silo maps its own).</summary>
public static class ClusterClientHealthExtensions
{
    /// <summary>
    /// Maps <c>/health/live</c> (the process runs) and <c>/health/ready</c> (200 once the Orleans client is connected to
    /// at least one silo gateway, 503 problem details with Retry-After before and while cut off). Needs
    /// <see cref="Microsoft.Extensions.Hosting.ClusterClientHostingExtensions.UseParityClusterClient"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapClusterClientHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health/live", static () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        endpoints.MapGet("/health/ready", static async (ClusterConnectionState state, ClusterClientSettings settings, HttpContext context) =>
        {
            if (state.IsReady)
            {
                await Results.Ok(new { status = "ready", gateways = state.ConnectedGateways }).ExecuteAsync(context);
                return;
            }

            await GatewayProblem.WriteAsync(context, ProblemType.Unavailable,
                state.HasStarted
                    ? $"The gateway lost every connection to {settings.Describe()}; Orleans reconnects when a silo answers."
                    : $"The gateway has not reached {settings.Describe()} yet; it keeps trying every {settings.ConnectRetryDelay.TotalSeconds:0.#} s.",
                settings.ConnectRetryDelay);
        }).ExcludeFromDescription();
        return endpoints;
    }
}
