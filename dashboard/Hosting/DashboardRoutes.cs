namespace Parity.Dashboard.Hosting;

/// <summary>Where the dashboard lives.</summary>
public static class DashboardRoutes
{
    /// <summary>The page and everything under it.</summary>
    public const string Prefix = "/dashboard";

    /// <summary>The JSON API.</summary>
    public const string Api = Prefix + "/api";

    /// <summary>
    /// Where the silo's host maps the Orleans Dashboard (grain health: silos, activations, grain methods, reminders;
    /// <c>MapParityOrleansDashboard</c>), which Parity's page links to. Under <see cref="Prefix"/>, so the dashboard's
    /// login cookie is sent to it too.
    /// </summary>
    public const string OrleansDashboard = Prefix + "/orleans";
}
