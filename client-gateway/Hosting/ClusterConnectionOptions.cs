namespace Parity.Gateway.Hosting;

/// <summary>How a gateway process reaches its silo cluster (configuration section <c>Gateway:Cluster</c>).</summary>
public sealed class ClusterConnectionOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Gateway:Cluster";

    /// <summary>Cluster whose silos to call. <value>The default value is <c>parity</c>.</value></summary>
    public string ClusterId { get; set; } = "parity";

    /// <summary>PostgreSQL connection string of the membership table; when set, <see cref="Gateways"/> is ignored.
    /// <value>The default value is none.</value></summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Silo endpoints (<c>host:port</c>) asked for the cluster's view when PostgreSQL is not configured.
    /// <value>The default value is <c>127.0.0.1:11111</c>, the default silo.</value></summary>
    public List<string> Gateways { get; set; } = [];

    /// <summary>Wait between attempts while the cluster cannot be reached at start. <value>The default value is 2 seconds.</value></summary>
    public TimeSpan ConnectRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
}
