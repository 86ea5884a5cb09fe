using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Parity.Dashboard.Security;

/// <summary>
/// The requirement of <see cref="DashboardAuthorization.PolicyName"/>: <see cref="DashboardAccess"/> as an authorization
/// handler, for pages the dashboard does not map itself (the Orleans Dashboard).
/// </summary>
internal sealed class DashboardAccessRequirement : AuthorizationHandler<DashboardAccessRequirement>, IAuthorizationRequirement
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, DashboardAccessRequirement requirement)
    {
        // Endpoint routing hands the request itself to the handlers; anything else (a view, a hub) is not a dashboard page.
        if (context.Resource is HttpContext http
            && await http.RequestServices.GetRequiredService<DashboardAccess>().IsAllowedAsync(http))
        {
            context.Succeed(requirement);
        }
    }
}
