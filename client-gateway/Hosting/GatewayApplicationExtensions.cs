using Parity.Gateway.Hosting;
using Parity.Gateway.Idempotency;
using Parity.Gateway.Inventory;
using Parity.Gateway.Operations;
using Parity.Gateway.Requests;
using Parity.Gateway.Settlements;

// Next to UseRouting and MapGet, where a reader of Program.cs looks for it.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the channel gateway's pipeline and endpoints to a web application.</summary>
public static class GatewayApplicationExtensions
{
    /// <summary>
    /// Adds the gateway's middleware (problem details for every error, correlation id, 503 while a gateway process has not
    /// reached its cluster, API-key authentication, per-channel rate limits, scopes, then the body read under its size limit and
    /// the global body budget, Idempotency-Key) and maps its API under <c>/v1</c> and its
    /// OpenAPI document at <c>/openapi/v1.json</c>. Health endpoints are the host's own. Needs
    /// <see cref="GatewayServiceCollectionExtensions.AddParityGateway"/>.
    /// </summary>
    public static WebApplication MapParityGateway(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestContextMiddleware>();
        app.UseMiddleware<ClusterAvailabilityMiddleware>();
        app.UseRouting();
        // Who is asking and whether they may, before a byte of the body is read: a refused client costs no buffer.
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<RequestBodyBuffer>();
        app.UseMiddleware<IdempotencyMiddleware>();

        var v1 = app.MapGroup(GatewayRoutes.Prefix);
        var inventory = v1.MapGroup("/inventory");
        MovementEndpoints.Map(inventory);
        ReservationEndpoints.Map(inventory);
        QueryEndpoints.Map(inventory);
        ChannelPolicyEndpoints.Map(inventory);
        ExceptionQueueEndpoints.Map(v1);
        Parity.Gateway.Orders.OrderEndpoints.Map(v1);
        Parity.Gateway.StoreDays.StoreDayEndpoints.Map(v1);
        SettlementEndpoints.Map(v1);
        ReconciliationEndpoints.Map(v1);

        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
