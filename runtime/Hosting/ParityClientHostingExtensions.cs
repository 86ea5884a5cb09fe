using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Parity.Runtime;
using Parity.Runtime.Hosting;

namespace Microsoft.Extensions.Hosting;

/// <summary>Adds a Parity cluster client to a .NET host (Orleans' UseOrleansClient).</summary>
public static class ParityClientHostingExtensions
{
    /// <summary>The configuration section the client reads: <c>ClusterId</c>, <c>MembershipConnectionString</c>
    /// (PostgreSQL) or <c>Gateways</c> (<c>host:port</c> list or comma-separated string), and the
    /// <see cref="ClusterClientOptions"/> (<c>CallTimeout</c>, <c>MaxAttempts</c>, ...).</summary>
    public const string ConfigurationSection = "Parity:Client";

    /// <summary>
    /// Registers an <see cref="IClusterClient"/> (and <see cref="IGrainFactory"/>, unless a silo in this host already
    /// provides one) built by <see cref="ClusterClientBuilder"/> from the <see cref="ConfigurationSection"/> section,
    /// then from <paramref name="configure"/>. The client connects when the host starts and closes when it stops.
    /// Safe to call more than once: later calls only add configuration.
    /// </summary>
    public static IHostApplicationBuilder UseParityClient(this IHostApplicationBuilder builder, Action<ClusterClientBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(static d => d.ServiceType == typeof(HostedClusterClient)))
        {
            var section = builder.Configuration.GetSection(ConfigurationSection);
            services.AddSingleton(new ClusterClientConfiguration(b => ApplyConfiguration(section, b)));
            services.AddSingleton<HostedClusterClient>();
            services.AddSingleton<IClusterClient>(static sp => sp.GetRequiredService<HostedClusterClient>());
            services.TryAddSingleton<IGrainFactory>(static sp => sp.GetRequiredService<HostedClusterClient>());
            services.AddHostedService(static sp => sp.GetRequiredService<HostedClusterClient>());
        }

        if (configure is not null)
        {
            services.AddSingleton(new ClusterClientConfiguration(configure));
        }

        return builder;
    }

    private static void ApplyConfiguration(IConfigurationSection section, ClusterClientBuilder builder)
    {
        section.Bind(builder.Options);
        if (section["MembershipConnectionString"] is { Length: > 0 } connectionString)
        {
            builder.UsePostgresClustering(connectionString);
        }

        var gateways = section.GetSection("Gateways");
        var endpoints = gateways.Value is { Length: > 0 } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : gateways.GetChildren().Select(static c => c.Value).OfType<string>().Where(static v => v.Length > 0).ToArray();
        if (endpoints.Length > 0)
        {
            builder.UseStaticGateways(endpoints);
        }
    }
}

/// <summary>One configuration step of the hosted client, applied in registration order.</summary>
internal sealed record ClusterClientConfiguration(Action<ClusterClientBuilder> Apply);

/// <summary>
/// The host's cluster client: a stable <see cref="IClusterClient"/> that services can take at construction,
/// connected in <see cref="StartAsync"/> and closed in <see cref="StopAsync"/>. Before start (and after stop)
/// creating grain references fails with a message saying why.
/// </summary>
internal sealed class HostedClusterClient(IEnumerable<ClusterClientConfiguration> configurations, IServiceProvider services)
    : IClusterClient, IHostedService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IClusterClient? _client;
    private bool _stopped;

    public Parity.Runtime.Membership.MembershipView View => _client?.View ?? Parity.Runtime.Membership.MembershipView.Empty;

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
        => (_client ?? throw new InvalidOperationException(_stopped
            ? "The Parity cluster client is closed: its host stopped."
            : "The Parity cluster client is not connected yet: it connects when the host starts.")).GetGrain<TGrainInterface>(key);

    public Task StartAsync(CancellationToken cancellationToken) => ConnectAsync(cancellationToken);

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is not null)
            {
                return;
            }

            var builder = new ClusterClientBuilder();
            if (services.GetService<ILoggerFactory>() is { } loggerFactory)
            {
                builder.UseLoggerFactory(loggerFactory);
            }

            if (services.GetService<TimeProvider>() is { } timeProvider)
            {
                builder.UseTimeProvider(timeProvider);
            }

            foreach (var configuration in configurations)
            {
                configuration.Apply(builder);
            }

            var client = await builder.ConnectAsync(cancellationToken).ConfigureAwait(false);
            services.GetService<ILoggerFactory>()?.CreateLogger("Parity.Client").LogInformation(
                "Cluster client connected to cluster '{ClusterId}': {Silos} silos in view", builder.Options.ClusterId, client.View.ActiveSilos.Count);
            _client = client;
            _stopped = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RefreshAsync(CancellationToken cancellationToken = default) => _client?.RefreshAsync(cancellationToken) ?? Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is { } client)
            {
                _client = null;
                _stopped = true;
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);
}
