using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Parity.Gateway.Hosting;

namespace Parity.LoadTest.Baseline;

/// <summary>
/// The baseline and the ceiling, mapped under <c>/v1</c> on the gateway's own pipeline so they pay exactly what a
/// Parity reservation pays before its endpoint runs (authentication, per-channel rate limit, scope policy, body
/// buffering, correlation id) and bind the same JSON body.
/// </summary>
internal static class BaselineEndpoints
{
    /// <summary>The sql-row-lock reservation endpoint.</summary>
    public const string BaselinePath = "/v1/loadtest/baseline/reservations";

    /// <summary>The endpoint that does no work.</summary>
    public const string CeilingPath = "/v1/loadtest/ceiling";

    /// <summary>Maps both endpoints; the baseline answers 503 when no PostgreSQL database was configured.</summary>
    public static void Map(WebApplication app)
    {
        app.MapPost(BaselinePath, async (LoadReserveBody body, HttpContext context, CancellationToken cancellationToken) =>
            {
                if (context.RequestServices.GetService<SqlRowLockStore>() is not { } store)
                {
                    return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "No baseline database",
                        detail: "The load test host was started without a PostgreSQL database for the sql-row-lock baseline.");
                }

                if (body.RequestId is not { Length: > 0 } requestId || body.Lines is not { Count: > 0 } lines
                    || lines.Any(l => l is null || string.IsNullOrEmpty(l.Sku) || string.IsNullOrEmpty(l.LocationId) || l.Quantity <= 0))
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed request",
                        detail: "A baseline reservation needs requestId and lines with sku, locationId and a positive quantity.");
                }

                var accepted = await store.TryReserveAllAsync(lines.Select(l => (l!.Sku!, l.LocationId!, l.Quantity)).ToList(), cancellationToken);
                return accepted
                    ? Results.Ok(new { requestId, reservationId = requestId })
                    : Results.Problem(statusCode: StatusCodes.Status409Conflict, type: "urn:parity:problem:insufficient-stock",
                        title: "Not enough available", detail: "The row had fewer units available than asked; nothing was reserved.");
            })
            .RequireAuthorization(GatewayScopes.Reservations)
            .ExcludeFromDescription();

        // The HTTP ceiling of this machine: the same pipeline and JSON binding, then an answer without any work.
        app.MapPost(CeilingPath, (LoadReserveBody body) => Results.Ok(new { requestId = body.RequestId, reservationId = body.RequestId }))
            .RequireAuthorization(GatewayScopes.Reservations)
            .ExcludeFromDescription();
    }
}

/// <summary>The reservation body the load test sends, in the shape of the gateway's reserve request.</summary>
/// <param name="RequestId">Idempotency key of the request.</param>
/// <param name="OrderRef">Owning order.</param>
/// <param name="Kind">Cart or Order.</param>
/// <param name="ChannelId">The channel (admin keys only).</param>
/// <param name="Lines">What to hold where.</param>
internal sealed record LoadReserveBody(string? RequestId, string? OrderRef, string? Kind, string? ChannelId, IReadOnlyList<LoadReserveLine?>? Lines);

/// <summary>One line of <see cref="LoadReserveBody"/>.</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="LocationId">The location.</param>
/// <param name="Quantity">Units.</param>
internal sealed record LoadReserveLine(string? Sku, string? LocationId, int Quantity);

/// <summary>Source-generated metadata for the body the baseline and the ceiling bind, as the gateway has for its own
/// reserve request, so all three pay the same for JSON.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(LoadReserveBody))]
internal sealed partial class BaselineJson : System.Text.Json.Serialization.JsonSerializerContext;
