using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parity.Runtime.Hosting;
using Parity.Runtime.Invocation;
using Parity.Runtime.Membership;
using Parity.Runtime.Reminders;
using Parity.Runtime.Storage;
using Parity.Runtime.Transport;

namespace Parity.Runtime.Testing;

/// <summary>Settings of a <see cref="TestCluster"/>.</summary>
public sealed class TestClusterOptions
{
    /// <summary>Assemblies whose grain classes the silos host.</summary>
    public List<Assembly> GrainAssemblies { get; } = [];

    /// <summary>Changes every silo's options (ports are assigned by the cluster).</summary>
    public Action<SiloOptions>? ConfigureOptions { get; set; }

    /// <summary>Extra configuration of every silo (services, providers).</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; set; }

    /// <summary>The clock of every silo and the client. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The journal storage shared by all silos. Default: a new <see cref="MemoryJournalStorage"/>.</summary>
    public IJournalStorage? JournalStorage { get; set; }

    /// <summary>Logging for the silos. Default: none.</summary>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;
}

/// <summary>
/// N silos in one process over in-memory membership, transport and storage (Orleans' TestCluster):
/// start more, stop one gracefully, or kill one as a crash, and wait for the view to settle. Storage is
/// shared, so a killed silo's grains reactivate elsewhere from their durable state.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly TestClusterOptions _options;
    private readonly GrainTypeRegistry _registry = new();
    private readonly InMemoryTransportHub _hub = new();
    private readonly InMemoryReminderTable _reminders = new();
    private readonly List<Silo> _silos = [];
    private readonly Dictionary<Silo, FaultInjectingJournalStorage> _siloGates = [];
    private readonly Lock _lock = new();
    private ClusterClient? _client;
    private int _nextPort = 21000;

    private TestCluster(TestClusterOptions options)
    {
        _options = options;
        foreach (var assembly in options.GrainAssemblies)
        {
            _registry.AddAssembly(assembly);
        }

        Journal = options.JournalStorage ?? new MemoryJournalStorage();
        Storage = new FaultInjectingJournalStorage(Journal, options.TimeProvider);
        GrainStorage = new FaultInjectingGrainStorage(new MemoryGrainStorage(), options.TimeProvider);
    }

    /// <summary>The membership table every silo and the client share.</summary>
    public InMemoryMembershipTable MembershipTable { get; } = new();

    /// <summary>The underlying shared journal store.</summary>
    public IJournalStorage Journal { get; }

    /// <summary>The fault- and latency-injecting wrapper every silo writes through.</summary>
    public FaultInjectingJournalStorage Storage { get; }

    /// <summary>The fault- and latency-injecting wrapper over the shared grain state storage every silo writes through.</summary>
    public FaultInjectingGrainStorage GrainStorage { get; }

    /// <summary>The shared reminder table.</summary>
    public IReminderTable Reminders => _reminders;

    /// <summary>Live silos, in start order.</summary>
    public IReadOnlyList<Silo> Silos
    {
        get
        {
            lock (_lock)
            {
                return _silos.ToArray();
            }
        }
    }

    /// <summary>A client outside every silo.</summary>
    public IClusterClient Client => _client ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>Shorthand for <see cref="Client"/>.</summary>
    public IGrainFactory GrainFactory => Client;

    /// <summary>Starts a cluster of <paramref name="silos"/> silos and a client.</summary>
    public static async Task<TestCluster> StartAsync(int silos, Action<TestClusterOptions>? configure = null)
    {
        var options = new TestClusterOptions();
        configure?.Invoke(options);
        var cluster = new TestCluster(options);
        for (var i = 0; i < silos; i++)
        {
            await cluster.StartAdditionalSiloAsync();
        }

        cluster._client = new ClusterClient(cluster._registry, cluster.MembershipTable, new InMemoryTransport(cluster._hub), options.TimeProvider,
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        await cluster._client.ConnectAsync();
        await cluster.WaitForLivenessToStabilizeAsync();
        return cluster;
    }

    /// <summary>Starts one more silo and waits until every member sees it.</summary>
    public async Task<Silo> StartAdditionalSiloAsync()
    {
        var port = Interlocked.Increment(ref _nextPort);
        var gate = new FaultInjectingJournalStorage(Storage, _options.TimeProvider);
        var services = new ServiceCollection();
        services.AddSingleton(_options.LoggerFactory);
        services.AddSingleton(_options.TimeProvider);
        services.AddSingleton(_registry);
        services.AddSingleton<IJournalStorage>(gate);
        services.AddSingleton<IGrainStorage>(GrainStorage);
        services.AddSingleton<IReminderTable>(_reminders);
        var builder = new SiloBuilder(services);
        builder.UseInMemoryClustering(MembershipTable, _hub);
        _options.ConfigureSilo?.Invoke(builder);
        services.Configure<SiloOptions>(o =>
        {
            o.ClusterId = "test";
            o.SiloPort = port;
            _options.ConfigureOptions?.Invoke(o);
        });
        SiloBuilderExtensions.AddSiloCore(services);
        var provider = services.BuildServiceProvider();
        var silo = provider.GetRequiredService<Silo>();
        await silo.StartAsync();
        lock (_lock)
        {
            _silos.Add(silo);
            _siloGates[silo] = gate;
        }

        if (_client is not null)
        {
            await WaitForLivenessToStabilizeAsync();
        }

        return silo;
    }

    /// <summary>Stops a silo gracefully: its grains deactivate and move.</summary>
    public async Task StopSiloAsync(Silo silo)
    {
        await silo.StopAsync();
        Remove(silo);
        await WaitForLivenessToStabilizeAsync();
    }

    /// <summary>
    /// Crashes a silo: nothing of its runs or writes any more, callers in flight fail at once, and (standing in
    /// for the failure detector, which needs the death timeout) its row is declared Dead.
    /// </summary>
    public async Task KillSiloAsync(Silo silo)
    {
        FaultInjectingJournalStorage? gate;
        lock (_lock)
        {
            _siloGates.TryGetValue(silo, out gate);
        }

        if (gate is not null)
        {
            gate.RefuseWrites = true;
        }

        silo.Kill();
        Remove(silo);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var snapshot = await MembershipTable.ReadAllAsync();
            var row = snapshot.Entries.FirstOrDefault(e => e.Silo == silo.Address);
            if (row is null || row.Status == SiloStatus.Dead
                || await MembershipTable.TryWriteAsync(row with { Status = SiloStatus.Dead }, snapshot.Version))
            {
                break;
            }
        }

        await WaitForLivenessToStabilizeAsync();
    }

    /// <summary>The per-silo write gate (for injecting faults into one silo only).</summary>
    public FaultInjectingJournalStorage GetSiloStorage(Silo silo)
    {
        lock (_lock)
        {
            return _siloGates[silo];
        }
    }

    /// <summary>Waits until every live silo and the client see exactly the live silos as Active.</summary>
    public async Task WaitForLivenessToStabilizeAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var live = Silos.Select(s => s.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToArray();
            foreach (var silo in Silos)
            {
                await silo.RefreshMembershipAsync();
            }

            if (_client is not null)
            {
                await _client.RefreshAsync();
            }

            var settled = Silos.All(s => s.Placement.View.ActiveSilos.SequenceEqual(live))
                && (_client is null || _client.View.ActiveSilos.SequenceEqual(live));
            if (settled)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The membership view did not settle on [{string.Join(", ", live)}].");
            }

            await Task.Delay(10);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            try
            {
                await silo.StopAsync();
            }
            catch (Exception)
            {
                // Best effort: a test may have left a silo in a broken state on purpose.
            }

            await silo.DisposeAsync();
        }
    }

    private void Remove(Silo silo)
    {
        lock (_lock)
        {
            _silos.Remove(silo);
            _siloGates.Remove(silo);
        }
    }
}
