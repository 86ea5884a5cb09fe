using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parity.Runtime.Invocation;
using Parity.Runtime.Membership;
using Parity.Runtime.Membership.AdoNet;
using Parity.Runtime.Storage.AdoNet;
using Parity.Runtime.Transport.Tcp;

namespace Parity.Runtime.Hosting;

/// <summary>
/// Builds a cluster client that calls silos over TCP: it learns the silos from the PostgreSQL membership
/// table or from a list of silo endpoints, routes each call straight to the owning silo, and retries
/// retryable failures (see <see cref="ClusterClientOptions"/>).
/// </summary>
public sealed class ClusterClientBuilder
{
    private readonly List<Assembly> _assemblies = [];
    private readonly List<(string Host, int Port)> _gateways = [];
    private string? _postgres;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private TimeProvider _timeProvider = TimeProvider.System;

    /// <summary>The client's options.</summary>
    public ClusterClientOptions Options { get; } = new();

    /// <summary>Registers the grain interfaces (and classes) of <paramref name="assembly"/>.</summary>
    public ClusterClientBuilder AddGrainAssembly(Assembly assembly)
    {
        _assemblies.Add(assembly);
        return this;
    }

    /// <summary>Reads membership from PostgreSQL (the table silos with <c>UsePostgresClustering</c> write).</summary>
    public ClusterClientBuilder UsePostgresClustering(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _postgres = connectionString;
        return this;
    }

    /// <summary>Learns the cluster by asking these silo endpoints (<c>host:port</c>) for their view.</summary>
    public ClusterClientBuilder UseStaticGateways(params string[] endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0)
            {
                throw new FormatException($"'{endpoint}' is not an endpoint; expected 'host:port'.");
            }

            _gateways.Add((endpoint[..colon], int.Parse(endpoint[(colon + 1)..], CultureInfo.InvariantCulture)));
        }

        return this;
    }

    /// <summary>Sets the client's logging.</summary>
    public ClusterClientBuilder UseLoggerFactory(ILoggerFactory loggerFactory)
    {
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>Sets the client's clock.</summary>
    public ClusterClientBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        return this;
    }

    /// <summary>Creates the client and reads the cluster's view.</summary>
    public async Task<IClusterClient> ConnectAsync(CancellationToken cancellationToken = default)
    {
        if (_postgres is null && _gateways.Count == 0)
        {
            throw new InvalidOperationException("Configure UsePostgresClustering or UseStaticGateways.");
        }

        var registry = new GrainTypeRegistry();
        foreach (var assembly in _assemblies)
        {
            registry.AddAssembly(assembly);
        }

        var logger = _loggerFactory.CreateLogger("Parity.Client");
        var transport = new TcpMessageTransport(logger, _timeProvider);
        AdoNetDatabase? database = null;
        IMembershipTable table;
        if (_postgres is not null)
        {
            var storage = AdoNetStorageOptions.ForPostgreSql(_postgres);
            storage.ClusterId = Options.ClusterId;
            database = await AdoNetDatabase.OpenAsync(storage, cancellationToken).ConfigureAwait(false);
            table = new AdoNetMembershipTable(database);
        }
        else
        {
            table = new GatewayMembershipTable(_gateways.ToArray(), transport);
        }

        var client = new ClusterClient(registry, table, transport, _timeProvider, Options.CallTimeout, Options.RefreshPeriod, logger, Options,
            async () =>
            {
                await transport.DisposeAsync().ConfigureAwait(false);
                if (database is not null)
                {
                    await database.DisposeAsync().ConfigureAwait(false);
                }
            });
        await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
        return client;
    }
}
