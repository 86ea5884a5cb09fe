using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Parity.Providers.Reminders;

namespace Orleans.Hosting;

/// <summary>Silo builder extensions for Parity's SQLite reminder table.</summary>
public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>
    /// Stores the silo's reminders in a SQLite file (table <c>parity_orleans_reminder</c>, created by the schema
    /// migration: <c>ParitySchema.MigrateAsync(SchemaDialect.Sqlite, ...)</c>). Adds Orleans' reminder service.
    /// Options are validated when the host starts; the table checks the file and switches it to write-ahead logging
    /// when the reminder service starts. Safe to call twice: the table is registered once and later calls' option
    /// settings apply after earlier ones.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configureOptions">Sets the connection string and, optionally, the busy timeout and WAL use.</param>
    /// <returns>The silo builder, for chaining.</returns>
    public static ISiloBuilder UseSqliteReminderService(this ISiloBuilder builder, Action<SqliteReminderTableOptions> configureOptions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configureOptions);
        builder.AddReminders();
        var services = builder.Services;
        services.AddOptions<SqliteReminderTableOptions>().Configure(configureOptions).ValidateOnStart();
        if (services.Any(descriptor => descriptor.ServiceType == typeof(SqliteReminderTable)))
        {
            return builder;
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteReminderTableOptions>, SqliteReminderTableOptionsValidator>());
        services.AddSingleton<SqliteReminderTable>();
        // Registered last, it is the IReminderTable the reminder service resolves.
        services.AddSingleton<IReminderTable>(static provider => provider.GetRequiredService<SqliteReminderTable>());
        services.ConfigureFormatter<SqliteReminderTableOptions>();
        return builder;
    }
}
