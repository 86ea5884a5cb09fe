namespace Parity.Dashboard.Hosting;

/// <summary>Settings of the dashboard, bound from <c>Parity:Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Parity:Dashboard";

    /// <summary>User name of the dashboard's login form; with <see cref="Password"/>, turns the form on.
    /// <value>The default value is none (only the admin API key opens the dashboard outside Development).</value></summary>
    public string? Username { get; set; }

    /// <summary>Password of the login form. <value>The default value is none.</value></summary>
    public string? Password { get; set; }

    /// <summary>Ask for credentials in Development too. <value>The default value is false (open in Development).</value></summary>
    public bool RequireAuthenticationInDevelopment { get; set; }

    /// <summary>How long one read of the business health sources is served. <value>The default value is 5 seconds.</value></summary>
    public TimeSpan BusinessCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Legal entities whose ERP posting queues the business health page shows. <value>The default value is
    /// <c>default</c> (the legal entity of unconfigured locations).</value></summary>
    public List<string> ErpLegalEntities { get; set; } = ["default"];

    /// <summary>Channels whose settlement match rate and posting latency the business health page shows (today, UTC).
    /// <value>The default value is <c>web</c>, <c>marketplace</c>, <c>pos</c>.</value></summary>
    public List<string> ReconciliationChannels { get; set; } = ["web", "marketplace", "pos"];

    /// <summary>The authentication scheme of the gateway's API keys, tried when it is registered.
    /// <value>The default value is <c>ApiKey</c>.</value></summary>
    public string ApiKeyScheme { get; set; } = "ApiKey";

    /// <summary>Claim type of an API key's scopes. <value>The default value is <c>parity:scope</c>.</value></summary>
    public string ScopeClaimType { get; set; } = "parity:scope";

    /// <summary>The scope that opens the dashboard. <value>The default value is <c>admin</c>.</value></summary>
    public string AdminScope { get; set; } = "admin";

    /// <summary>Limits on failed sign-ins (wrong passwords, wrong API keys). </summary>
    public Parity.Dashboard.Security.CredentialThrottleOptions CredentialThrottle { get; set; } = new();

    /// <summary>Whether the login form is configured.</summary>
    public bool HasLogin => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
