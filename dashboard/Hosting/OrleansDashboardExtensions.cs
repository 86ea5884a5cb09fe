using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parity.Dashboard.Hosting;
using Parity.Dashboard.Security;
using OrleansDashboard = Orleans.Dashboard.ServiceCollectionExtensions;

// Next to MapParityDashboard, where a reader of Program.cs looks for it.
namespace Microsoft.AspNetCore.Builder;

/// <summary>The Orleans Dashboard (grain health: silos, activations, calls, latency, errors, reminders) for operators.</summary>
public static class OrleansDashboardExtensions
{
    /// <summary>Where the Orleans Dashboard is mapped.</summary>
    public const string Route = DashboardRoutes.OrleansDashboard;

    /// <summary>
    /// Adds the Orleans Dashboard's collectors to the silo. Its live log stream is hidden outside Development: logs may
    /// carry order ids and customer data, and the stream has no filter.
    /// </summary>
    public static ISiloBuilder AddParityOrleansDashboard(this ISiloBuilder silo, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return OrleansDashboard.AddDashboard(silo, o => o.HideTrace = !environment.IsDevelopment());
    }

    /// <summary>
    /// Maps the Orleans Dashboard at <see cref="Route"/> behind the same operator authentication as Parity's dashboard:
    /// a browser that is not signed in is sent to Parity's sign-in page, any other request gets 401 problem details.
    /// </summary>
    public static RouteGroupBuilder MapParityOrleansDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = OrleansDashboard.MapOrleansDashboard(endpoints, Route);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var access = http.RequestServices.GetRequiredService<DashboardAccess>();
            if (access.ThrottledFor(http) is { } wait)
            {
                return DashboardAccess.Throttled(http, wait);
            }

            if (await access.IsAllowedAsync(http))
            {
                return await next(context);
            }

            var page = http.Request.Path.Value is { } path && (path.TrimEnd('/') == Route || path.EndsWith("/index.html", StringComparison.Ordinal));
            return page && HttpMethods.IsGet(http.Request.Method)
                ? Results.Redirect(DashboardRoutes.Prefix + "?next=" + Uri.EscapeDataString(Route + "/"))
                : DashboardAccess.Refused(http, http.RequestServices.GetRequiredService<IOptions<DashboardOptions>>().Value.HasLogin);
        });
        group.ExcludeFromDescription();
        return group;
    }
}
