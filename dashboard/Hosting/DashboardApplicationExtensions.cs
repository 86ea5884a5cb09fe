using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parity.Dashboard.Business;
using Parity.Dashboard.Hosting;
using Parity.Dashboard.Security;
using Parity.Dashboard.Statistics;
using Parity.Runtime;
using Parity.Runtime.Inspection;

// Next to MapParityGateway, where a reader of Program.cs looks for it.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the dashboard's page and JSON API.</summary>
public static class DashboardApplicationExtensions
{
    /// <summary>
    /// Serves the dashboard page at <c>/dashboard</c> and its JSON API under <c>/dashboard/api</c> (overview,
    /// grain-types, hot-grains, storage, business, grains/{type}/{key}), plus <c>/dashboard/login</c> and
    /// <c>/dashboard/logout</c>. Needs <see cref="DashboardServiceCollectionExtensions.AddParityDashboard"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapParityDashboard(this IEndpointRouteBuilder endpoints)
    {
        var assets = DashboardAssets.Load();
        foreach (var asset in assets)
        {
            endpoints.MapGet(DashboardRoutes.Prefix + "/" + asset.Path, (HttpContext context) =>
            {
                // The page holds no data, so it is served to anyone; the API behind it is what is protected.
                context.Response.Headers.CacheControl = "no-cache";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Results.Bytes(asset.Content, asset.ContentType);
            }).ExcludeFromDescription();
        }

        endpoints.MapPost(DashboardRoutes.Prefix + "/login", LoginAsync).ExcludeFromDescription();
        endpoints.MapPost(DashboardRoutes.Prefix + "/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(DashboardAccess.CookieScheme);
            return Results.NoContent();
        }).ExcludeFromDescription();
        endpoints.MapGet(DashboardRoutes.Api + "/session", async (HttpContext context, DashboardAccess access, IOptions<DashboardOptions> options) =>
            Results.Ok(new { open = access.IsOpen, authenticated = await access.IsAllowedAsync(context), loginAvailable = options.Value.HasLogin }))
            .ExcludeFromDescription();

        var api = endpoints.MapGroup(DashboardRoutes.Api).AddEndpointFilter<DashboardAccessFilter>().ExcludeFromDescription();
        api.MapGet("/overview", async (ClusterStatisticsReader reader, ShapedResponseCache cache, CancellationToken ct) =>
            cache.Json(await reader.ReadAsync(ct), "overview", DashboardViews.Overview));
        api.MapGet("/grain-types", async (ClusterStatisticsReader reader, ShapedResponseCache cache, CancellationToken ct) =>
            cache.Json(await reader.ReadAsync(ct), "grain-types", DashboardViews.GrainTypes));
        api.MapGet("/hot-grains", async (ClusterStatisticsReader reader, ShapedResponseCache cache, int? top, CancellationToken ct) =>
        {
            var n = Math.Clamp(top ?? 20, 1, 200);
            return cache.Json(await reader.ReadAsync(ct), "hot-grains/" + n, v => DashboardViews.HotGrains(v, n));
        });
        api.MapGet("/storage", async (ClusterStatisticsReader reader, ShapedResponseCache cache, CancellationToken ct) =>
            cache.Json(await reader.ReadAsync(ct), "storage", DashboardViews.Storage));
        api.MapGet("/business", async (BusinessHealthReader reader, CancellationToken ct) => Results.Ok(await reader.ReadAsync(ct)));
        api.MapGet("/grains/{type}/{**key}", InspectAsync);
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, DashboardAccess access, IOptions<DashboardOptions> options)
    {
        // Read by hand rather than bound: a form bound by the framework would demand antiforgery middleware the hosts lack;
        // the cookie is SameSite=Strict and only grants reading.
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var username = form?["username"].ToString();
        if (!access.CheckCredentials(username, form?["password"].ToString()))
        {
            return DashboardAccess.Refused(context, options.Value.HasLogin);
        }

        await context.SignInAsync(DashboardAccess.CookieScheme, DashboardAccess.Principal(username!));
        return Results.NoContent();
    }

    private static async Task<IResult> InspectAsync(HttpContext context, IGrainFactory grains, string type, string key, int? events)
    {
        GrainInspection inspection;
        try
        {
            inspection = await grains.GetGrain<IGrainInspectorGrain>("dashboard").InspectAsync($"{type}/{key}", Math.Clamp(events ?? 20, 0, 200));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return Results.Problem(type: "urn:parity:problem:not-found", title: "No such grain", detail: e.Message,
                statusCode: StatusCodes.Status404NotFound, instance: context.Request.Path);
        }

        return Results.Ok(new
        {
            inspection.GrainId,
            inspection.GrainClass,
            inspection.Silo,
            inspection.Kind,
            inspection.Version,
            inspection.ConfirmedVersion,
            inspection.Calls,
            inspection.MailboxDepth,
            state = Parse(inspection.StateJson),
            events = inspection.Events.Select(e => new
            {
                e.Sequence,
                e.EventType,
                payload = Parse(e.PayloadJson),
                e.Metadata.CorrelationId,
                e.Metadata.CausationId,
                e.Metadata.SourceSystem,
                e.Metadata.SourceEventId,
                e.Metadata.Timestamp,
            }),
        });
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
