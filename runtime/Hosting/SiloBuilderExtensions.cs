using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Parity.Runtime.Invocation;
using Parity.Runtime.Membership;
using Parity.Runtime.Reminders;
using Parity.Runtime.Storage;
using Parity.Runtime.Transport;
using Parity.Runtime.Transport.Tcp;

namespace Parity.Runtime.Hosting;

/// <summary>Provider and option registrations on <see cref="ISiloBuilder"/>.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>Registers every grain class of <paramref name="assembly"/>.</summary>
    public static ISiloBuilder AddGrainAssembly(this ISiloBuilder builder, Assembly assembly)
    {
        builder.Services.AddSingleton(new GrainAssemblyRegistration(assembly));
        return builder;
    }

    /// <summary>Registers every grain class of the assembly that defines <typeparamref name="T"/>.</summary>
    public static ISiloBuilder AddGrainsFromAssemblyOf<T>(this ISiloBuilder builder) => builder.AddGrainAssembly(typeof(T).Assembly);

    /// <summary>Changes silo options.</summary>
    public static ISiloBuilder Configure(this ISiloBuilder builder, Action<SiloOptions> configure)
    {
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Keeps journals, grain state and reminders in process memory (tests; nothing survives a restart).</summary>
    public static ISiloBuilder UseMemoryStorage(this ISiloBuilder builder)
    {
        builder.Services.RemoveAll<IJournalStorage>();
        builder.Services.RemoveAll<IGrainStorage>();
        builder.Services.RemoveAll<IReminderTable>();
        builder.Services.AddSingleton<MemoryJournalStorage>();
        builder.Services.AddSingleton<IJournalStorage>(sp => sp.GetRequiredService<MemoryJournalStorage>());
        builder.Services.AddSingleton<IGrainStorage, MemoryGrainStorage>();
        builder.Services.AddSingleton<IReminderTable, InMemoryReminderTable>();
        return builder;
    }

    /// <summary>A cluster inside this process: in-memory membership and transport, shared by every silo
    /// given the same <paramref name="table"/> and <paramref name="hub"/>.</summary>
    public static ISiloBuilder UseInMemoryClustering(this ISiloBuilder builder, InMemoryMembershipTable? table = null, InMemoryTransportHub? hub = null)
    {
        builder.Services.RemoveAll<IMembershipTable>();
        builder.Services.RemoveAll<ISiloConnector>();
        builder.Services.AddSingleton<IMembershipTable>(table ?? new InMemoryMembershipTable());
        builder.Services.AddSingleton<ISiloConnector>(new InMemorySiloConnector(hub ?? new InMemoryTransportHub()));
        return builder;
    }

    /// <summary>Calls between silos and from clients go over TCP: the silo listens on
    /// <see cref="SiloOptions.Host"/>:<see cref="SiloOptions.SiloPort"/> (0 picks a free port).
    /// The default with PostgreSQL clustering.</summary>
    public static ISiloBuilder UseTcpTransport(this ISiloBuilder builder)
    {
        builder.Services.RemoveAll<ISiloConnector>();
        builder.Services.AddSingleton<ISiloConnector>(static sp => new TcpSiloConnector(
            sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        return builder;
    }

    internal static void AddSiloCore(IServiceCollection services)
    {
        services.AddOptions<SiloOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<SiloOptions>, SiloOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var registry = new GrainTypeRegistry();
            foreach (var registration in sp.GetServices<GrainAssemblyRegistration>())
            {
                registry.AddAssembly(registration.Assembly);
            }

            return registry;
        });
        services.TryAddSingleton(sp => new Silo(sp));
        services.TryAddSingleton(sp => sp.GetRequiredService<Silo>().GrainFactory);
        services.TryAddSingleton(sp => sp.GetRequiredService<Silo>().Statistics);
    }

    internal static void AddDefaults(IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(IJournalStorage)))
        {
            new SiloBuilder(services).UseMemoryStorage();
        }

        if (!services.Any(d => d.ServiceType == typeof(IMembershipTable)))
        {
            if (services.Any(d => d.ServiceType == typeof(ISiloConnector)))
            {
                // A transport chosen explicitly (UseTcpTransport) stays; only the table defaults.
                services.AddSingleton<IMembershipTable>(new InMemoryMembershipTable());
            }
            else
            {
                new SiloBuilder(services).UseInMemoryClustering();
            }
        }
    }
}

internal sealed record GrainAssemblyRegistration(Assembly Assembly);
