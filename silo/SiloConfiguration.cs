using Parity.Runtime.Hosting;
using Parity.Runtime.Storage.AdoNet;

namespace Parity.Silo;

/// <summary>
/// Chooses the silo's storage, clustering and transport from configuration, so one binary serves a laptop
/// (SQLite in a data directory, the default), a test (memory) and a cluster (PostgreSQL for both).
/// </summary>
internal static class SiloConfiguration
{
    /// <summary>Environment variable naming the data directory; wins over <c>Parity:DataDirectory</c>.</summary>
    public const string DataDirectoryVariable = "PARITY_DATA_DIR";

    /// <summary>Adds the silo with the grains of this repository, configured from <paramref name="configuration"/>.</summary>
    public static SiloSettings UseParitySiloFromConfiguration(this IHostApplicationBuilder builder)
    {
        var settings = SiloSettings.Read(builder.Configuration, builder.Environment.ContentRootPath);
        builder.UseParitySilo(silo =>
        {
            silo.AddGrainAssembly(typeof(Grains.GrainsAssembly).Assembly);
            silo.Services.Configure<Grains.StoreDays.StoreDayOptions>(builder.Configuration.GetSection(Grains.StoreDays.StoreDayOptions.SectionName));
            silo.Configure(options => builder.Configuration.GetSection("Silo").Bind(options));
            silo.Services.Configure<Grains.Orders.OrderOptions>(builder.Configuration.GetSection(Grains.Orders.OrderOptions.SectionName));
            // Unit costs for COGS, one table for orders and store days (Parity:Items).
            silo.Services.AddParityItemCosts(builder.Configuration);

            // Settlement matching per provider (channel, reference mapping, tolerance, expected window); defaults otherwise.
            var settlements = new Grains.Settlements.SettlementOptions();
            builder.Configuration.GetSection(Grains.Settlements.SettlementOptions.SectionName).Bind(settlements);
            silo.Services.AddSingleton(settlements);
            switch (settings.Storage)
            {
                case StorageProvider.Memory:
                    silo.UseMemoryStorage();
                    break;
                case StorageProvider.Sqlite:
                    Directory.CreateDirectory(settings.DataDirectory);
                    silo.UseSqliteStorage(o => settings.ConfigureStorage(builder.Configuration, o));
                    break;
                case StorageProvider.Postgres:
                    // PostgreSQL storage brings PostgreSQL membership (and the TCP transport) with it.
                    silo.UsePostgresStorage(o => settings.ConfigureStorage(builder.Configuration, o));
                    break;
            }

            // Always reachable over TCP: clients with static gateways, and a gateway in another process, need a
            // listener even when this silo is alone.
            silo.UseTcpTransport();
        });

        // ERP posting: rules from Parity:Erp:Posting, the ERP from Parity:Erp (without BaseUrl journals queue durably).
        builder.Services.AddParityErpPosting(builder.Configuration);
        return settings;
    }
}

/// <summary>Which store a silo keeps its grains in.</summary>
internal enum StorageProvider
{
    Sqlite,
    Postgres,
    Memory,
}

/// <summary>Which membership a silo joins.</summary>
internal enum ClusteringProvider
{
    None,
    Postgres,
}

/// <summary>The storage and clustering choice read from the <c>Parity</c> section.</summary>
internal sealed record SiloSettings(StorageProvider Storage, ClusteringProvider Clustering, string DataDirectory, string ConnectionString)
{
    public static SiloSettings Read(IConfiguration configuration, string contentRoot)
    {
        var section = configuration.GetSection("Parity");
        var storage = Parse(section["Storage:Provider"], StorageProvider.Sqlite, "Parity:Storage:Provider");
        var defaultClustering = storage == StorageProvider.Postgres ? ClusteringProvider.Postgres : ClusteringProvider.None;
        var clustering = Parse(section["Clustering"], defaultClustering, "Parity:Clustering");
        if (clustering == ClusteringProvider.Postgres && storage != StorageProvider.Postgres)
        {
            // Grains move between silos; their state must be where every silo can read it.
            throw new InvalidOperationException(
                $"Parity:Clustering=Postgres needs Parity:Storage:Provider=Postgres: a cluster's silos must share their storage, and {storage} storage is local to one silo.");
        }

        if (clustering == ClusteringProvider.None && storage == StorageProvider.Postgres)
        {
            throw new InvalidOperationException(
                "Parity:Storage:Provider=Postgres always clusters through PostgreSQL; remove Parity:Clustering=None (a lone silo on PostgreSQL is a cluster of one).");
        }

        var dataDirectory = Environment.GetEnvironmentVariable(SiloConfiguration.DataDirectoryVariable) is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : section["DataDirectory"] is { Length: > 0 } fromConfiguration ? fromConfiguration : "data";
        dataDirectory = Path.GetFullPath(dataDirectory, contentRoot);

        var connectionString = section["Storage:ConnectionString"] ?? "";
        if (storage == StorageProvider.Sqlite && connectionString.Length == 0)
        {
            connectionString = AdoNetStorageOptions.ForSqliteFile(Path.Combine(dataDirectory, "parity.db")).ConnectionString;
        }

        if (storage == StorageProvider.Postgres && connectionString.Length == 0)
        {
            throw new InvalidOperationException("Parity:Storage:ConnectionString is required with Parity:Storage:Provider=Postgres.");
        }

        return new SiloSettings(storage, clustering, dataDirectory, connectionString);
    }

    /// <summary>The connection string plus the provider's tuning keys (<c>CoalesceAppends</c>, <c>MaxBatchSize</c>, <c>CreateSchema</c>).</summary>
    public void ConfigureStorage(IConfiguration configuration, AdoNetStorageOptions options)
    {
        var section = configuration.GetSection("Parity:Storage");
        options.ConnectionString = ConnectionString;
        options.CoalesceAppends = section.GetValue("CoalesceAppends", options.CoalesceAppends);
        options.MaxBatchSize = section.GetValue("MaxBatchSize", options.MaxBatchSize);
        options.CreateSchema = section.GetValue("CreateSchema", options.CreateSchema);
    }

    /// <summary>One line for the start-up log; the storage provider logs its own (redacted) connection string.</summary>
    public string Describe() => Storage switch
    {
        StorageProvider.Sqlite => $"storage Sqlite in data directory {DataDirectory}, clustering {Clustering}",
        StorageProvider.Postgres => $"storage Postgres, clustering {Clustering}",
        _ => $"storage {Storage} (nothing survives a restart), clustering {Clustering}",
    };

    private static TEnum Parse<TEnum>(string? value, TEnum fallback, string key) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"{key}='{value}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
    }
}
