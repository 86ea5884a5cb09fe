using System.Globalization;
using System.Net;

namespace Parity.Gateway.Hosting;

/// <summary>
/// How a gateway process finds the silo cluster, read from the keys the silos read (so one configuration serves both):
/// <c>Parity:Cluster:ClusterId</c> and <c>Parity:Cluster:ServiceId</c>, then either the static list
/// <c>Parity:Cluster:Gateways</c> (<c>host:port</c> of silo gateway endpoints), or the PostgreSQL membership table at
/// <c>Parity:Storage:ConnectionString</c> (with <c>Parity:Storage:Provider=Postgres</c> or no provider); without
/// either, the default silo on this machine (<c>127.0.0.1</c>, <c>Parity:Cluster:GatewayPort</c>).
/// </summary>
internal sealed class ClusterClientSettings
{
    /// <summary>The default <see cref="ClusterId"/>, the silo's default.</summary>
    public const string DefaultClusterId = "parity-local";

    /// <summary>The default <see cref="ServiceId"/>, the silo's default.</summary>
    public const string DefaultServiceId = "parity";

    /// <summary>The default silo gateway port, the silo's default.</summary>
    public const int DefaultGatewayPort = 30000;

    private ClusterClientSettings(string clusterId, string serviceId, IReadOnlyList<IPEndPoint> gateways, string? membershipConnectionString, TimeSpan connectRetryDelay)
    {
        ClusterId = clusterId;
        ServiceId = serviceId;
        Gateways = gateways;
        MembershipConnectionString = membershipConnectionString;
        ConnectRetryDelay = connectRetryDelay;
    }

    /// <summary>The cluster to join (<c>Parity:Cluster:ClusterId</c>). <value>The default value is <c>parity-local</c>.</value></summary>
    public string ClusterId { get; }

    /// <summary>The service the cluster runs (<c>Parity:Cluster:ServiceId</c>). <value>The default value is <c>parity</c>.</value></summary>
    public string ServiceId { get; }

    /// <summary>Silo gateway endpoints when the membership table is not used; empty otherwise.</summary>
    public IReadOnlyList<IPEndPoint> Gateways { get; }

    /// <summary>The Npgsql connection string of the membership table, or null for static gateways.</summary>
    public string? MembershipConnectionString { get; }

    /// <summary>Wait between attempts to reach the cluster (<c>Parity:Cluster:ConnectRetryDelay</c>).
    /// <value>The default value is 2 seconds.</value></summary>
    public TimeSpan ConnectRetryDelay { get; }

    /// <summary>One line for the log, without the connection string.</summary>
    public string Describe() => MembershipConnectionString is null
        ? $"cluster '{ClusterId}' (service '{ServiceId}') through the gateways {string.Join(", ", Gateways)}"
        : $"cluster '{ClusterId}' (service '{ServiceId}') through the PostgreSQL membership table";

    /// <summary>Reads and checks the settings.</summary>
    /// <exception cref="InvalidOperationException">A setting is malformed; the message names it.</exception>
    public static ClusterClientSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        RefuseObsolete(configuration);
        var clusterId = NonEmpty(configuration, "Parity:Cluster:ClusterId", DefaultClusterId);
        var serviceId = NonEmpty(configuration, "Parity:Cluster:ServiceId", DefaultServiceId);
        var retry = configuration["Parity:Cluster:ConnectRetryDelay"] is { Length: > 0 } retryText
            ? TimeSpan.TryParse(retryText, CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero
                ? parsed
                : throw Invalid("Parity:Cluster:ConnectRetryDelay", retryText, "a positive time span such as 00:00:02")
            : TimeSpan.FromSeconds(2);

        // A list (Parity:Cluster:Gateways:0, :1, ...) or one comma-separated value (handy in an environment variable).
        var section = configuration.GetSection("Parity:Cluster:Gateways");
        var listed = section.GetChildren().Where(static c => !string.IsNullOrWhiteSpace(c.Value)).Select(static c => (Key: c.Path, Value: c.Value!))
            .Concat((section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (Key: section.Path, Value: v)))
            .ToList();
        if (listed.Count > 0)
        {
            return new ClusterClientSettings(clusterId, serviceId, [.. listed.Select(static g => Endpoint(g.Key, g.Value))], null, retry);
        }

        // The membership table, when the configuration names a PostgreSQL database: Postgres storage, or a connection
        // string with no provider at all (a gateway has no storage of its own; a SQLite or memory silo has no table).
        var provider = configuration["Parity:Storage:Provider"]?.Trim();
        var connectionString = configuration["Parity:Storage:ConnectionString"];
        var postgres = string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase);
        if (postgres || (string.IsNullOrEmpty(provider) && !string.IsNullOrWhiteSpace(connectionString)))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Parity:Storage:ConnectionString is required with Parity:Storage:Provider=Postgres: the gateway reads the silos' membership table there (or list the silos' gateway endpoints in Parity:Cluster:Gateways).");
            }

            return new ClusterClientSettings(clusterId, serviceId, [], connectionString, retry);
        }

        var port = configuration["Parity:Cluster:GatewayPort"] is { Length: > 0 } portText
            ? int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= IPEndPoint.MaxPort
                ? p
                : throw Invalid("Parity:Cluster:GatewayPort", portText, "a port number from 1 to 65535")
            : DefaultGatewayPort;
        return new ClusterClientSettings(clusterId, serviceId, [new IPEndPoint(IPAddress.Loopback, port)], null, retry);
    }

    private static IPEndPoint Endpoint(string key, string value)
    {
        // host:port; a host name is resolved once, at start, as Orleans' static gateway list expects addresses.
        var text = value.Trim();
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > IPEndPoint.MaxPort)
        {
            throw Invalid(key, value, "host:port, e.g. 127.0.0.1:30000");
        }

        var host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out var address))
        {
            return new IPEndPoint(address, port);
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            return new IPEndPoint(addresses.FirstOrDefault(static a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) ?? addresses[0], port);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            throw new InvalidOperationException($"{key}='{value}': the host '{host}' could not be resolved ({e.Message}).", e);
        }
    }

    private static string NonEmpty(IConfiguration configuration, string key, string fallback)
    {
        var value = configuration[key];
        return value is null ? fallback : value.Trim().Length > 0 ? value.Trim() : throw Invalid(key, value, "a non-empty name");
    }

    private static void RefuseObsolete(IConfiguration configuration)
    {
        // The gateway process's own cluster section went when the gateway became an Orleans client: say so rather than
        // connect somewhere else than the operator meant.
        if (configuration.GetSection("Gateway:Cluster").AsEnumerable().Any(static kv => !string.IsNullOrEmpty(kv.Value)))
        {
            throw new InvalidOperationException(
                "Gateway:Cluster is no longer read: the gateway finds the cluster with the silos' keys, Parity:Cluster:ClusterId, Parity:Cluster:ServiceId and "
                + "either Parity:Cluster:Gateways (host:port list) or Parity:Storage:Provider=Postgres with Parity:Storage:ConnectionString.");
        }
    }

    private static InvalidOperationException Invalid(string key, string value, string expected) =>
        new($"{key}='{value}' is not valid: expected {expected}.");
}
