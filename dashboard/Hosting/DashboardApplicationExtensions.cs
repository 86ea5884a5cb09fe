using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Parity.Dashboard.Business;
using Parity.Dashboard.Hosting;
using Parity.Dashboard.Security;

// Next to MapParityGateway, where a reader of Program.cs looks for it.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the dashboard's page and JSON API.</summary>
public static class DashboardApplicationExtensions
{
    /// <summary>
    /// Serves the dashboard page at <c>/dashboard</c> and its JSON API under <c>/dashboard/api</c> (session, business),
    /// plus <c>/dashboard/login</c> and <c>/dashboard/logout</c>. The page links to the Orleans Dashboard at
    /// <see cref="DashboardRoutes.OrleansDashboard"/>, which the host maps. Needs
    /// <see cref="DashboardServiceCollectionExtensions.AddParityDashboard"/>.
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
        api.MapGet("/business", async (BusinessHealthReader reader, CancellationToken ct) => Results.Ok(await reader.ReadAsync(ct)));
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(HttpContext context, DashboardAccess access, IOptions<DashboardOptions> options)
    {
        // Read by hand rather than bound: a form bound by the framework would demand antiforgery middleware the hosts lack;
        // the cookie is SameSite=Strict and only grants reading.
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        var username = form?["username"].ToString();
        if (access.ThrottledFor(context, username ?? "") is { } wait)
        {
            // Past the limit nothing is checked, so a right guess cannot be told from a wrong one.
            return DashboardAccess.Throttled(context, wait);
        }

        if (!access.CheckCredentials(context, username, form?["password"].ToString()))
        {
            return DashboardAccess.Refused(context, options.Value.HasLogin);
        }

        await context.SignInAsync(DashboardAccess.CookieScheme, DashboardAccess.Principal(username!));
        return Results.NoContent();
    }
}
