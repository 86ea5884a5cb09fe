using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.Runtime.Membership;
using Parity.Runtime.Membership.AdoNet;
using Parity.Runtime.Reminders;
using Parity.Runtime.Reminders.AdoNet;
using Parity.Runtime.Storage;
using Parity.Runtime.Storage.AdoNet;

namespace Parity.Runtime.Hosting;

/// <summary>
/// The ADO.NET provider family on <see cref="ISiloBuilder"/>. A silo has one database: every call here
/// configures the same <see cref="AdoNetStorageOptions"/>, opened once at start. Its cluster id defaults to
/// the silo's <see cref="SiloOptions.ClusterId"/>.
/// </summary>
public static class AdoNetSiloBuilderExtensions
{
    /// <summary>Keeps journals, grain state and reminders in a SQLite database (the single-node default).
    /// Set <see cref="AdoNetStorageOptions.ConnectionString"/>, e.g. <c>Data Source=/var/lib/parity/parity.db</c>.</summary>
    public static ISiloBuilder UseSqliteStorage(this ISiloBuilder builder, Action<AdoNetStorageOptions> configure)
    {
        AddDatabase(builder.Services, AdoNetProvider.Sqlite, configure);
        AddStorage(builder.Services);
        return builder;
    }

    /// <summary>Keeps journals, grain state, reminders and membership in PostgreSQL, with the session advisory
    /// lock as liveness probe and the TCP transport between silos.</summary>
    public static ISiloBuilder UsePostgresStorage(this ISiloBuilder builder, Action<AdoNetStorageOptions> configure)
    {
        AddDatabase(builder.Services, AdoNetProvider.PostgreSql, configure);
        AddStorage(builder.Services);
        AddClustering(builder.Services);
        return builder;
    }

    /// <summary>Membership in PostgreSQL (heartbeats plus a session advisory lock per silo) and the TCP transport
    /// between silos; storage stays as configured otherwise.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, Action<AdoNetStorageOptions> configure)
    {
        AddDatabase(builder.Services, AdoNetProvider.PostgreSql, configure);
        AddClustering(builder.Services);
        return builder;
    }

    private static void AddDatabase(IServiceCollection services, AdoNetProvider provider, Action<AdoNetStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (!services.Any(d => d.ServiceType == typeof(AdoNetSiloStorage)))
        {
            services.AddOptions<AdoNetStorageOptions>()
                .Configure<IOptions<SiloOptions>>(static (o, silo) => o.ClusterId = silo.Value.ClusterId)
                .ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AdoNetStorageOptions>, AdoNetStorageOptionsValidator>());
            services.AddSingleton(static sp => new AdoNetSiloStorage(
                sp.GetRequiredService<IOptions<AdoNetStorageOptions>>().Value, sp.GetService<ILoggerFactory>()));
            services.AddSingleton<ISiloStartupTask>(static sp => sp.GetRequiredService<AdoNetSiloStorage>());
        }

        services.Configure<AdoNetStorageOptions>(o =>
        {
            o.Provider = provider;
            configure(o);
        });
    }

    private static void AddStorage(IServiceCollection services)
    {
        services.RemoveAll<IJournalStorage>();
        services.RemoveAll<IGrainStorage>();
        services.RemoveAll<IReminderTable>();

        // The journal instance is owned (and flushed before the database closes) by AdoNetSiloStorage.
        services.AddSingleton<IJournalStorage>(static sp => sp.GetRequiredService<AdoNetSiloStorage>().Journal);
        services.AddSingleton<IGrainStorage>(static sp => new AdoNetGrainStorage(sp.GetRequiredService<AdoNetSiloStorage>().Database));
        services.AddSingleton<IReminderTable>(static sp => new AdoNetReminderTable(sp.GetRequiredService<AdoNetSiloStorage>().Database));
    }

    private static void AddClustering(IServiceCollection services)
    {
        services.RemoveAll<IMembershipTable>();
        services.RemoveAll<ISiloLivenessProbe>();
        services.AddSingleton<IMembershipTable>(static sp => new AdoNetMembershipTable(sp.GetRequiredService<AdoNetSiloStorage>().Database));
        services.AddSingleton<ISiloLivenessProbe>(static sp => new PostgresLivenessProbe(sp.GetRequiredService<AdoNetSiloStorage>().Options.ConnectionString));
        new SiloBuilder(services).UseTcpTransport();
    }
}
