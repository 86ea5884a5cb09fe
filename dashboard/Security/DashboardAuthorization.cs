namespace Parity.Dashboard.Security;

/// <summary>The authorization policy that stands for the dashboard's operator access.</summary>
public static class DashboardAuthorization
{
    /// <summary>
    /// The policy <see cref="Microsoft.Extensions.DependencyInjection.DashboardServiceCollectionExtensions.AddParityDashboard"/>
    /// registers: it allows exactly the requests the dashboard's own API allows (open in Development unless configured
    /// otherwise; elsewhere an API key with the admin scope or the login cookie). Put it on the Orleans Dashboard
    /// (<c>app.MapOrleansDashboard(routePrefix: DashboardRoutes.OrleansDashboard).RequireAuthorization(DashboardAuthorization.PolicyName)</c>)
    /// so grain health and business health sit behind the same sign-in.
    /// </summary>
    public const string PolicyName = "ParityDashboard";
}
