using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Parity.Runtime.Invocation;
using Parity.Runtime.Membership;
using Parity.Runtime.Placement;
using Parity.Runtime.Transport;

namespace Parity.Runtime.Hosting;

/// <summary>A connection to a cluster from outside any silo: creates grain references that route each call
/// straight to the grain's owning silo, following the membership table's view.</summary>
public interface IClusterClient : IGrainFactory, IAsyncDisposable
{
    /// <summary>The client's current view of the cluster.</summary>
    MembershipView View { get; }

    /// <summary>Reads the membership table and starts following it.</summary>
    Task ConnectAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the membership table now.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default);
}

/// <summary>Cluster client over a membership table and a transport.</summary>
internal sealed class ClusterClient : IClusterClient
{
    private readonly IMembershipTable _table;
    private readonly PlacementService _placement = new(null);
    private readonly GrainFactory _factory;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _refreshPeriod;
    private readonly ILogger _logger;
    private ITimer? _timer;

    public ClusterClient(GrainTypeRegistry registry, IMembershipTable table, IMessageTransport transport, TimeProvider timeProvider,
        TimeSpan callTimeout, TimeSpan refreshPeriod, ILogger? logger = null, ClusterClientOptions? retry = null, Func<ValueTask>? onDispose = null)
    {
        _table = table;
        _timeProvider = timeProvider;
        _refreshPeriod = refreshPeriod;
        _logger = logger ?? NullLogger.Instance;
        _onDispose = onDispose;
        IGrainCallInvoker invoker = new MessageRouter(registry, _placement, transport, timeProvider, () => callTimeout, null);
        if (retry is { MaxAttempts: > 1 })
        {
            invoker = new RetryingCallInvoker(invoker, retry, timeProvider, () => RefreshAsync());
        }

        _factory = new GrainFactory(registry, invoker);
    }

    private readonly Func<ValueTask>? _onDispose;

    public MembershipView View => _placement.View;

    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey => _factory.GetGrain<TGrainInterface>(key);

    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken);
        if (_table is InMemoryMembershipTable memory)
        {
            memory.Changed += OnChanged;
        }

        _timer = _timeProvider.CreateTimer(static s => _ = ((ClusterClient)s!).RefreshAsync(), this, _refreshPeriod, _refreshPeriod);
    }

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            _placement.UpdateView(new MembershipView(snapshot.Entries.Where(e => e.Status == SiloStatus.Active).Select(e => e.Silo).ToList(), snapshot.Version));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "Reading the membership table failed; keeping the current view");
        }
    }

    private void OnChanged() => _ = RefreshAsync();

    public ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        if (_table is InMemoryMembershipTable memory)
        {
            memory.Changed -= OnChanged;
        }

        return _onDispose?.Invoke() ?? ValueTask.CompletedTask;
    }
}
