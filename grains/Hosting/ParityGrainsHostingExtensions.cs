using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;
using Orleans.Providers;
using Parity.Providers.Hosting;
using Parity.Grains.Inventory;
using Parity.Grains.Orders;
using Parity.Grains.Settlements;
using Parity.Grains.StoreDays;
using Parity.Grains.Telemetry;
using Parity.Providers.Journal;

namespace Parity.Grains.Hosting;

/// <summary>Adds Parity's grains to an Orleans silo.</summary>
public static class ParityGrainsHostingExtensions
{
    /// <summary>The ADO.NET invariant Orleans' grain storage uses for SQLite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// The services and options Parity's grains need, bound from <paramref name="configuration"/>: orders
    /// (<c>Parity:Orders</c>), the audit of order holds (<c>Parity:OrderHoldAudit</c>), store days (<c>Parity:StoreDays</c>), settlements (<c>Parity:Settlements</c>), item costs
    /// (<c>Parity:Items</c>) and ERP posting (<c>Parity:Erp</c>). Storage is chosen by the host: the journal on
    /// <c>ParityJournal.ProviderName</c>, grain state on the default store, and a reminder service.
    /// </summary>
    public static ISiloBuilder AddParityGrains(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        var services = silo.Services;
        services.AddCachedGrainInterfaceTypes();
        services.Configure<StoreDayOptions>(configuration.GetSection(StoreDayOptions.SectionName));
        services.Configure<OrderOptions>(configuration.GetSection(OrderOptions.SectionName));
        services.AddOptions<OrderHoldAuditOptions>().Bind(configuration.GetSection(OrderHoldAuditOptions.SectionName))
            .Validate(o => o.Period > TimeSpan.Zero && o.GracePeriod >= TimeSpan.Zero,
                $"{OrderHoldAuditOptions.SectionName}: Period must be positive and GracePeriod not negative.")
            .ValidateOnStart();
        services.AddParityItemCosts(configuration);

        // Settlement matching per provider (channel, reference mapping, tolerance, expected window).
        var settlements = new SettlementOptions();
        configuration.GetSection(SettlementOptions.SectionName).Bind(settlements);
        services.TryAddSingleton(settlements);
        services.AddParityErpPosting(configuration);

        // Business time (expiries, store-day cut-offs, lineage timestamps) comes from DI so tests can move it.
        services.TryAddSingleton(TimeProvider.System);

        // Business counters next to Orleans' meters (the Parity meter), exported by the host's OpenTelemetry.
        services.AddMetrics();
        services.TryAddSingleton<ParityMetrics>();
        return silo;
    }

    /// <summary>
    /// Keeps the journal, grain state (the default store, Orleans' ADO.NET provider) and reminders in one SQLite file, as
    /// the embedded silo does. The schema must be applied first (<c>ParitySchema.MigrateAsync</c>).
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming the file.</param>
    /// <param name="configureJournal">Further journal options (coalescing, batch size, fault injection in tests).</param>
    public static ISiloBuilder UseParitySqliteStores(this ISiloBuilder silo, string connectionString, Action<ParityJournalOptions>? configureJournal = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        silo.AddParityJournal(o =>
        {
            o.Storage = ParityJournalStorage.Sqlite;
            o.ConnectionString = connectionString;
            configureJournal?.Invoke(o);
        });
        silo.AddAdoNetGrainStorageAsDefault(o => (o.Invariant, o.ConnectionString) = (SqliteInvariant, connectionString));
        silo.UseSqliteReminderService(o => o.ConnectionString = connectionString);
        return silo;
    }

    /// <summary>
    /// Keeps everything in the silo's memory: the journal, grain state (the default store) and reminders. For tests
    /// and <c>Parity:Storage:Provider=Memory</c>; nothing survives the process.
    /// </summary>
    public static ISiloBuilder UseParityMemoryStores(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddParityMemoryJournal();
        silo.AddMemoryGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        silo.UseInMemoryReminderService();
        return silo;
    }
}
