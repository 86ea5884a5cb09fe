using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using Parity.Providers.Schema;

namespace Parity.Silo;

/// <summary>
/// The silo's storage and cluster settings, read once from configuration and checked whole before anything starts:
/// a missing, malformed or retired key stops the start with a <see cref="SiloConfigurationException"/> naming it.
/// </summary>
internal sealed record SiloSettings
{
    /// <summary>Environment variable naming the data directory; wins over <c>Parity:DataDirectory</c>.</summary>
    public const string DataDirectoryVariable = "PARITY_DATA_DIR";

    /// <summary>The SQLite file under the data directory when no connection string is configured.</summary>
    public const string DefaultDatabaseFile = "parity.db";

    public required StorageProvider Storage { get; init; }

    /// <summary>Absolute path of the data directory (the default SQLite file lives there).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The ADO.NET connection string of every store (empty for <see cref="StorageProvider.Memory"/>).</summary>
    public required string ConnectionString { get; init; }

    public required string ClusterId { get; init; }

    public required string ServiceId { get; init; }

    public required int SiloPort { get; init; }

    /// <summary>The port clients (a gateway process) connect to; 0 runs no Orleans gateway.</summary>
    public required int GatewayPort { get; init; }

    public required IPAddress AdvertisedIPAddress { get; init; }

    public required bool MigrateOnStart { get; init; }

    /// <summary>Whether the silo runs in Kubernetes (Orleans' Kubernetes hosting: identity and address from the pod).</summary>
    public bool Kubernetes { get; init; }

    /// <summary><c>Parity:Storage:CoalesceAppends</c>, or null for the journal's default.</summary>
    public bool? CoalesceAppends { get; init; }

    /// <summary><c>Parity:Storage:MaxBatchSize</c>, or null for the journal's default.</summary>
    public int? MaxBatchSize { get; init; }

    /// <summary>The schema the storage needs, or null for memory.</summary>
    public SchemaDialect? SchemaDialect => Storage switch
    {
        StorageProvider.Sqlite => Providers.Schema.SchemaDialect.Sqlite,
        StorageProvider.Postgres => Providers.Schema.SchemaDialect.PostgreSql,
        _ => null,
    };

    /// <summary>One line for the start-up log; never the connection string (it may hold a password).</summary>
    public string Describe()
    {
        var storage = Storage switch
        {
            StorageProvider.Sqlite => $"storage Sqlite in {SqliteDataSource(ConnectionString)}",
            StorageProvider.Postgres => "storage Postgres (membership, grain state, reminders and journals)",
            _ => "storage Memory (nothing survives a restart)",
        };
        var gateway = GatewayPort == 0 ? "no client gateway" : $"client gateway port {GatewayPort}";
        return $"{storage}, cluster '{ClusterId}' (service '{ServiceId}'), silo {AdvertisedIPAddress}:{SiloPort}, {gateway}, "
            + (MigrateOnStart ? "schema migrated at start" : "schema not migrated at start");
    }

    /// <summary>Reads the <c>Parity</c> section (and <c>PARITY_DATA_DIR</c>).</summary>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="contentRoot">What a relative data directory is relative to.</param>
    /// <exception cref="SiloConfigurationException">A setting cannot be used; the message names it.</exception>
    public static SiloSettings Read(IConfiguration configuration, string contentRoot)
    {
        RefuseRetiredKeys(configuration);
        var storage = ParseProvider(configuration["Parity:Storage:Provider"]);

        var dataDirectory = Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : configuration["Parity:DataDirectory"] is { Length: > 0 } fromConfiguration ? fromConfiguration : "data";
        dataDirectory = Path.GetFullPath(dataDirectory, contentRoot);

        var connectionString = configuration["Parity:Storage:ConnectionString"]?.Trim() ?? "";
        switch (storage)
        {
            case StorageProvider.Sqlite when connectionString.Length == 0:
                connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, DefaultDatabaseFile) }.ConnectionString;
                break;
            case StorageProvider.Sqlite:
                CheckConnectionString(static s => new SqliteConnectionStringBuilder(s), connectionString, "a Microsoft.Data.Sqlite connection string such as Data Source=/var/lib/parity/parity.db");
                break;
            case StorageProvider.Postgres when connectionString.Length == 0:
                throw new SiloConfigurationException("Parity:Storage:ConnectionString",
                    "Parity:Storage:ConnectionString is required with Parity:Storage:Provider=Postgres (an Npgsql connection string: Host=...;Database=...;Username=...;Maximum Pool Size=...).");
            case StorageProvider.Postgres:
                CheckConnectionString(static s => new NpgsqlConnectionStringBuilder(s), connectionString, "an Npgsql connection string such as Host=db;Database=parity;Username=parity;Maximum Pool Size=40");
                break;
            case StorageProvider.Memory:
                connectionString = "";
                break;
        }

        var siloPort = Port(configuration, "Parity:Cluster:SiloPort", 11111, allowZero: false);
        var gatewayPort = Port(configuration, "Parity:Cluster:GatewayPort", 30000, allowZero: true);
        if (siloPort == gatewayPort)
        {
            throw new SiloConfigurationException("Parity:Cluster:GatewayPort",
                $"Parity:Cluster:GatewayPort={gatewayPort} is also Parity:Cluster:SiloPort: silo-to-silo and client traffic need two ports.");
        }

        return new SiloSettings
        {
            Storage = storage,
            DataDirectory = dataDirectory,
            ConnectionString = connectionString,
            ClusterId = Name(configuration, "Parity:Cluster:ClusterId", "parity-local"),
            ServiceId = Name(configuration, "Parity:Cluster:ServiceId", "parity"),
            SiloPort = siloPort,
            GatewayPort = gatewayPort,
            AdvertisedIPAddress = Address(configuration, "Parity:Cluster:AdvertisedIPAddress"),
            MigrateOnStart = Boolean(configuration, "Parity:Storage:MigrateOnStart") ?? true,
            Kubernetes = KubernetesHosting(configuration, storage),
            CoalesceAppends = Boolean(configuration, "Parity:Storage:CoalesceAppends"),
            MaxBatchSize = PositiveInteger(configuration, "Parity:Storage:MaxBatchSize"),
        };
    }

    private static bool KubernetesHosting(IConfiguration configuration, StorageProvider storage)
    {
        var kubernetes = Boolean(configuration, "Parity:Cluster:Kubernetes") ?? false;
        if (kubernetes && storage != StorageProvider.Postgres)
        {
            // Pods come and go: membership and every store must be shared.
            throw new SiloConfigurationException("Parity:Cluster:Kubernetes",
                $"Parity:Cluster:Kubernetes=true needs Parity:Storage:Provider=Postgres; {storage} keeps the cluster's state inside one pod.");
        }

        return kubernetes;
    }

    /// <summary>The SQLite file a connection string names (for logs and for creating its directory).</summary>
    public static string SqliteDataSource(string connectionString) => new SqliteConnectionStringBuilder(connectionString).DataSource;

    private static StorageProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return StorageProvider.Sqlite;
        }

        return Enum.TryParse<StorageProvider>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value.Trim()[0])
            ? parsed
            : throw new SiloConfigurationException("Parity:Storage:Provider",
                $"Parity:Storage:Provider='{value}' is not one of {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
    }

    private static void CheckConnectionString(Func<string, DbConnectionStringBuilder> parse, string connectionString, string expected)
    {
        try
        {
            parse(connectionString);
        }
        catch (ArgumentException e)
        {
            // The value is not echoed: it may hold a password.
            throw new SiloConfigurationException("Parity:Storage:ConnectionString",
                $"Parity:Storage:ConnectionString cannot be read ({e.Message}); expected {expected}.");
        }
    }

    private static int Port(IConfiguration configuration, string key, int fallback, bool allowZero)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var lowest = allowZero ? 0 : 1;
        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port >= lowest && port <= IPEndPoint.MaxPort
            ? port
            : throw new SiloConfigurationException(key,
                $"{key}='{value}' is not a port number from {lowest} to {IPEndPoint.MaxPort}" + (allowZero ? " (0: no client gateway)." : "."));
    }

    private static string Name(IConfiguration configuration, string key, string fallback)
    {
        var value = configuration[key];
        return value is null ? fallback
            : value.Trim().Length > 0 ? value.Trim()
            : throw new SiloConfigurationException(key, $"{key} is empty; leave it out for the default '{fallback}'.");
    }

    private static IPAddress Address(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return IPAddress.Loopback;
        }

        return IPAddress.TryParse(value.Trim(), out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            ? address
            : throw new SiloConfigurationException(key,
                $"{key}='{value}' is not an address other silos and clients can reach this silo on (an IP address such as 10.0.0.5; not a host name, not 0.0.0.0).");
    }

    private static bool? Boolean(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return bool.TryParse(value.Trim(), out var parsed)
            ? parsed
            : throw new SiloConfigurationException(key, $"{key}='{value}' is not true or false.");
    }

    private static int? PositiveInteger(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0
            ? parsed
            : throw new SiloConfigurationException(key, $"{key}='{value}' is not a whole number of at least 1.");
    }

    private static void RefuseRetiredKeys(IConfiguration configuration)
    {
        // Keys of the silo before Orleans: silently ignoring them would start a silo other than the one configured.
        if (configuration.GetSection("Silo").AsEnumerable().FirstOrDefault(static kv => !string.IsNullOrEmpty(kv.Value)) is { Key: { } siloKey })
        {
            throw new SiloConfigurationException(siloKey,
                $"{siloKey} is no longer read: the Silo section went with the move to Orleans. Use Parity:Cluster:ClusterId, Parity:Cluster:SiloPort, "
                + "Parity:Cluster:GatewayPort and Parity:Cluster:AdvertisedIPAddress; queue limits and failure detection are tuned in silo/SiloConfiguration.cs.");
        }

        if (!string.IsNullOrWhiteSpace(configuration["Parity:Clustering"]))
        {
            throw new SiloConfigurationException("Parity:Clustering",
                "Parity:Clustering is no longer read: clustering follows Parity:Storage:Provider (Postgres clusters through PostgreSQL; Sqlite and Memory run one silo).");
        }

        if (!string.IsNullOrWhiteSpace(configuration["Parity:Storage:CreateSchema"]))
        {
            throw new SiloConfigurationException("Parity:Storage:CreateSchema",
                "Parity:Storage:CreateSchema is no longer read: use Parity:Storage:MigrateOnStart, or run the migrate verb (dotnet run --project silo -- migrate).");
        }
    }
}
