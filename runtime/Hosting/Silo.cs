using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.Runtime.Activation;
using Parity.Runtime.Invocation;
using Parity.Runtime.Membership;
using Parity.Runtime.Placement;
using Parity.Runtime.Reminders;
using Parity.Runtime.Statistics;
using Parity.Runtime.Storage;
using Parity.Runtime.Transport;

namespace Parity.Runtime.Hosting;

/// <summary>
/// One silo: hosts activations of the grains it owns by rendezvous placement, keeps its membership row
/// and view, fires the reminders of its grains, and routes calls to other silos. Start joins the cluster;
/// Stop hands its grains over gracefully; Kill is a crash (used by tests and when the cluster declared it dead).
/// </summary>
public sealed class Silo : IAsyncDisposable
{
    private static long s_lastGeneration;
    private readonly ISiloConnector _connector;
    private readonly MembershipService _membership;
    private readonly SiloStatistics _statistics;
    private StatisticsPublisher? _publisher;
    private int _killed;

    internal Silo(IServiceProvider services)
    {
        Services = services;
        Options = services.GetRequiredService<IOptions<SiloOptions>>().Value;
        TimeProvider = services.GetService<TimeProvider>() ?? TimeProvider.System;
        LoggerFactory = services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        Logger = LoggerFactory.CreateLogger("Parity.Silo");
        Registry = services.GetRequiredService<GrainTypeRegistry>();
        JournalStorage = services.GetRequiredService<IJournalStorage>();
        GrainStorage = services.GetRequiredService<IGrainStorage>();
        _connector = services.GetRequiredService<ISiloConnector>();
        Address = new SiloAddress(Options.Host, Options.SiloPort, NextGeneration());
        Placement = new PlacementService(Address);
        Catalog = new Catalog(this);
        Router = new MessageRouter(Registry, Placement, _connector, TimeProvider, () => Options.CallTimeout, this);
        GrainFactory = new GrainFactory(Registry, Router);
        GrainActivator = new GrainActivator(this);
        _statistics = new SiloStatistics(this);
        Reminders = new ReminderService(this, services.GetRequiredService<IReminderTable>());
        _membership = new MembershipService(this, services.GetRequiredService<IMembershipTable>(), services.GetService<ISiloLivenessProbe>());
        Placement.ViewChanged += _ => Catalog.OnViewChanged();
    }

    /// <summary>This silo's address (endpoint and generation).</summary>
    public SiloAddress Address { get; internal set; }

    /// <summary>This silo's membership status.</summary>
    public SiloStatus Status { get; internal set; } = SiloStatus.Joining;

    /// <summary>Creates grain references that route from this silo.</summary>
    public IGrainFactory GrainFactory { get; }

    /// <summary>This silo's statistics.</summary>
    public ISiloStatistics Statistics => _statistics;

    /// <summary>Placement and the current membership view.</summary>
    public PlacementService Placement { get; }

    /// <summary>Number of activations on this silo.</summary>
    public int ActivationCount => Catalog.Count;

    internal IServiceProvider Services { get; }

    internal SiloOptions Options { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    internal GrainTypeRegistry Registry { get; }

    internal IJournalStorage JournalStorage { get; }

    internal IGrainStorage GrainStorage { get; }

    internal Catalog Catalog { get; }

    internal MessageRouter Router { get; }

    internal GrainActivator GrainActivator { get; }

    internal ReminderService Reminders { get; }

    internal ISiloConnector Connector => _connector;

    internal SiloStatistics StatisticsInternal => _statistics;

    /// <summary>Joins the cluster and starts serving.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _connector.StartAsync(this, cancellationToken);
        Catalog.Start();
        await _membership.StartAsync(cancellationToken);
        Reminders.Start();
        if (Options.StatisticsPublishPeriod > TimeSpan.Zero)
        {
            _publisher = new StatisticsPublisher(this);
            _publisher.Start(Options.StatisticsPublishPeriod);
        }

        Logger.LogInformation("Silo {Silo} is Active in cluster '{Cluster}' ({Silos} silos in view)", Address, Options.ClusterId, Placement.View.ActiveSilos.Count);
    }

    /// <summary>Leaves gracefully: announces ShuttingDown, deactivates every activation (queued calls move
    /// to the grains' new owners), then marks itself Dead.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _killed) != 0 || Status is SiloStatus.Dead)
        {
            return;
        }

        Logger.LogInformation("Silo {Silo} is shutting down", Address);
        _publisher?.Dispose();
        await _membership.AnnounceShutdownAsync(cancellationToken);
        await Reminders.DisposeAsync();
        await Catalog.DeactivateAllAsync(DeactivationReason.ShuttingDown);
        await _membership.StopAsync(cancellationToken);
        await _connector.StopAsync(this, "the silo shut down");
        await Catalog.DisposeAsync();
        _statistics.Detach();
        Logger.LogInformation("Silo {Silo} stopped", Address);
    }

    /// <summary>Crash semantics: stops at once without running grain code or writing its membership row.</summary>
    public void Kill()
    {
        if (Interlocked.Exchange(ref _killed, 1) != 0)
        {
            return;
        }

        Status = SiloStatus.Dead;
        _publisher?.Dispose();
        _membership.Kill();
        _ = Reminders.DisposeAsync();
        Catalog.Kill();
        _ = _connector.StopAsync(this, "the silo was killed");
        _statistics.Detach();
    }

    /// <summary>Reads the membership table now instead of waiting for the next refresh.</summary>
    public Task RefreshMembershipAsync() => _membership.RefreshAsync(CancellationToken.None);

    /// <summary>Publishes this silo's statistics to the cluster statistics grain now instead of waiting for the next tick.</summary>
    public Task PublishStatisticsAsync() => (_publisher ??= new StatisticsPublisher(this)).PublishAsync();

    /// <summary>Fires due reminders now instead of waiting for the next poll.</summary>
    public Task PollRemindersAsync() => Reminders.PollAsync();

    internal void ReceiveRemote(Message message)
    {
        if (Volatile.Read(ref _killed) != 0)
        {
            message.Fail(new SiloUnavailableException(Address.ToString(), "the silo was killed"));
            return;
        }

        // Views can briefly disagree; forward once or twice, then serve here and let conditional writes decide.
        if (message.ForwardCount < 2 && Registry.TryGetClass(message.Target.Type, out var info) && !info.IsStatelessWorker
            && Placement.PickOwner(message.Target) is { } owner && owner != Address)
        {
            message.ForwardCount++;
            _connector.Send(owner, message);
            return;
        }

        Catalog.Deliver(message);
    }

    /// <summary>Lets a network connector that bound a free port give the silo its real address before it joins.</summary>
    internal void UseAddress(SiloAddress address)
    {
        Address = address;
        Placement.LocalSilo = address;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _publisher?.Dispose();
        await _membership.DisposeAsync();
        await Reminders.DisposeAsync();
        await Catalog.DisposeAsync();
        _statistics.Detach();
    }

    private static long NextGeneration()
    {
        // Unique per process start and per silo within a process (test clusters start several at once).
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Interlocked.Read(ref s_lastGeneration);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref s_lastGeneration, next, last) == last)
            {
                return next;
            }
        }
    }
}
