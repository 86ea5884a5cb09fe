using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parity.Dashboard.Business;
using Parity.Dashboard.Hosting;
using Parity.Dashboard.Security;

// Next to AddParityGateway, where a reader of Program.cs looks for it.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the dashboard to a host.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dashboard: options from <c>Parity:Dashboard</c>, its access rules and login cookie, and the business
    /// health sources (exception queue, ERP posting, settlements; register more <see cref="IBusinessHealthSource"/>s to
    /// add figures). Needs an <see cref="Orleans.IGrainFactory"/> (a co-hosted silo's or a cluster client's). Grain
    /// health is the Orleans Dashboard's, which the host maps at <see cref="DashboardRoutes.OrleansDashboard"/>. Safe to
    /// call twice.
    /// </summary>
    public static IServiceCollection AddParityDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(DashboardAccess)))
        {
            return services;
        }

        var section = configuration.GetSection(DashboardOptions.SectionName);
        services.AddOptions<DashboardOptions>().Bind(section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<CredentialThrottle>();
        services.AddSingleton<BusinessHealthReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBusinessHealthSource, ExceptionQueueHealthSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBusinessHealthSource, ErpPostingHealthSource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBusinessHealthSource, SettlementHealthSource>());

        services.AddAuthentication().AddCookie(DashboardAccess.CookieScheme, o =>
        {
            o.Cookie.Name = "parity-dashboard";
            o.Cookie.Path = DashboardRoutes.Prefix;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request is HTTPS, also behind a TLS proxy once the host honours its X-Forwarded-Proto
            // (ASPNETCORE_FORWARDEDHEADERS_ENABLED=true; docs/operations.md, Security). Not Always: a plain-HTTP loopback
            // host could then never sign in.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The API answers 401 itself; never redirect a fetch to a login page.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        return services;
    }
}
