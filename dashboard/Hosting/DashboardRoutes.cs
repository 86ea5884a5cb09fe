namespace Parity.Dashboard.Hosting;

/// <summary>Where the dashboard lives.</summary>
public static class DashboardRoutes
{
    /// <summary>The page and everything under it.</summary>
    public const string Prefix = "/dashboard";

    /// <summary>The JSON API.</summary>
    public const string Api = Prefix + "/api";
}
