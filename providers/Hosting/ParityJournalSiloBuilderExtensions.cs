using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.EventSourcing;
using Orleans.Runtime;
using Orleans.Serialization;
using Parity.Providers.Journal;

namespace Orleans.Hosting;

/// <summary>Adds the Parity journal, the log-consistency provider of Parity's journaled grains, to a silo.</summary>
public static class ParityJournalSiloBuilderExtensions
{
    /// <summary>
    /// Adds the Parity journal: the journal storage chosen by <see cref="ParityJournalOptions.Storage"/> (PostgreSQL or
    /// SQLite tables <c>parity_journal</c> and <c>parity_journal_snapshot</c>, which must exist), the silo-wide
    /// coalescing writer, and the log-consistency provider <see cref="ParityJournal.ProviderName"/>. Grains opt in with
    /// <c>[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]</c>. Safe to call more than once: each
    /// call adds its <paramref name="configure"/>, applied in order. Options are validated when the silo starts.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the options (storage, connection string, snapshot interval, ...).</param>
    /// <returns>The silo builder, for chaining.</returns>
    public static ISiloBuilder AddParityJournal(this ISiloBuilder builder, Action<ParityJournalOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        AddServices(builder.Services);
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds the Parity journal on process memory (<see cref="ParityJournalStorage.Memory"/>), for tests and
    /// benchmarks: same guarantees per silo, nothing survives it.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets further options (snapshot interval, fault injection, ...), or null.</param>
    /// <returns>The silo builder, for chaining.</returns>
    public static ISiloBuilder AddParityMemoryJournal(this ISiloBuilder builder, Action<ParityJournalOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddParityJournal(options =>
        {
            options.Storage = ParityJournalStorage.Memory;
            configure?.Invoke(options);
        });
    }

    private static void AddServices(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(ParityJournalMarker)))
        {
            return;
        }

        services.AddSingleton<ParityJournalMarker>();
        services.AddOptions<ParityJournalOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ParityJournalOptions>, ParityJournalOptionsValidator>());

        // Orleans logs the effective options at start; the connection string's password is redacted.
        services.ConfigureFormatter<ParityJournalOptions>();

        services.AddSingleton<JournalStorageOwner>();
        services.AddKeyedSingleton<IJournalStorage>(ParityJournal.ProviderName, static (sp, _) => sp.GetRequiredService<JournalStorageOwner>().Storage);
        services.AddSingleton<ParityJournalAdaptorFactory>();
        services.AddKeyedSingleton<ILogViewAdaptorFactory>(ParityJournal.ProviderName, static (sp, _) => sp.GetRequiredService<ParityJournalAdaptorFactory>());

        // LogConsistentGrain resolves this before installing any adaptor; Orleans adds its own only with its providers.
        services.TryAddSingleton<Factory<IGrainContext, ILogConsistencyProtocolServices>>(static sp =>
        {
            var copier = sp.GetRequiredService<DeepCopier>();
            var silo = sp.GetRequiredService<ILocalSiloDetails>();
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Parity.Providers.Journal.JournalProtocolServices");
            return context => new JournalProtocolServices(context, copier, silo, logger);
        });
    }

    private sealed class ParityJournalMarker;
}
