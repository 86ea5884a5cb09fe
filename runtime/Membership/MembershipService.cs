using Microsoft.Extensions.Logging;
using Parity.Runtime.Hosting;

namespace Parity.Runtime.Membership;

/// <summary>
/// Keeps one silo's row in the membership table and its view of the cluster current: joins as Joining
/// then Active, heartbeats, declares silos dead whose heartbeat is older than the death timeout (or whose
/// liveness probe says so) with a conditional write, and hands the Active set to placement. A silo that
/// finds itself declared dead stops serving at once (it may have been partitioned away).
/// </summary>
internal sealed class MembershipService : IAsyncDisposable
{
    private readonly Silo _silo;
    private readonly IMembershipTable _table;
    private readonly ISiloLivenessProbe? _probe;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly DateTimeOffset _startTime;
    private ITimer? _heartbeat;
    private ITimer? _refresh;
    private volatile bool _stopped;

    public MembershipService(Silo silo, IMembershipTable table, ISiloLivenessProbe? probe)
    {
        _silo = silo;
        _table = table;
        _probe = probe;
        _startTime = silo.TimeProvider.GetUtcNow();
    }

    public IMembershipTable Table => _table;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_probe is not null)
        {
            await _probe.AcquireAsync(_silo.Address, cancellationToken);
        }

        await WriteStatusAsync(SiloStatus.Joining, cancellationToken);
        await WriteStatusAsync(SiloStatus.Active, cancellationToken);
        if (_table is InMemoryMembershipTable memory)
        {
            memory.Changed += OnTableChanged;
        }

        await RefreshAsync(cancellationToken);
        var options = _silo.Options;
        _heartbeat = _silo.TimeProvider.CreateTimer(static s => _ = ((MembershipService)s!).HeartbeatAsync(), this, options.IAmAlivePeriod, options.IAmAlivePeriod);
        _refresh = _silo.TimeProvider.CreateTimer(static s => _ = ((MembershipService)s!).RefreshAsync(CancellationToken.None), this, options.TableRefreshPeriod, options.TableRefreshPeriod);
    }

    /// <summary>Graceful leave: ShuttingDown first, so others stop routing here while grains hand over.</summary>
    public Task AnnounceShutdownAsync(CancellationToken cancellationToken) => WriteStatusAsync(SiloStatus.ShuttingDown, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        StopTimers();
        await WriteStatusAsync(SiloStatus.Dead, cancellationToken);
        if (_probe is not null)
        {
            await _probe.ReleaseAsync(cancellationToken);
        }
    }

    /// <summary>Crash: stop heartbeating and writing; others will declare this silo dead.</summary>
    public void Kill() => StopTimers();

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_stopped || !await _refreshGate.WaitAsync(0, cancellationToken))
        {
            return;
        }

        try
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            var now = _silo.TimeProvider.GetUtcNow();
            foreach (var entry in snapshot.Entries)
            {
                if (entry.Silo == _silo.Address || entry.Status == SiloStatus.Dead)
                {
                    continue;
                }

                var stale = now - entry.IAmAliveTime > _silo.Options.DeathTimeout;
                if (stale || (_probe is not null && await _probe.IsDeadAsync(entry.Silo, cancellationToken)))
                {
                    _silo.Logger.LogWarning("Declaring silo {Silo} dead (last heartbeat {At:O})", entry.Silo, entry.IAmAliveTime);
                    if (await _table.TryWriteAsync(entry with { Status = SiloStatus.Dead }, snapshot.Version, cancellationToken))
                    {
                        snapshot = await _table.ReadAllAsync(cancellationToken);
                        break;
                    }
                }
            }

            var self = snapshot.Entries.FirstOrDefault(e => e.Silo == _silo.Address);
            if (self?.Status == SiloStatus.Dead && !_stopped && _silo.Status == SiloStatus.Active)
            {
                _silo.Logger.LogError("This silo was declared dead by the cluster; it stops serving");
                _silo.Kill();
                return;
            }

            var active = snapshot.Entries.Where(e => e.Status == SiloStatus.Active).Select(e => e.Silo).ToList();
            _silo.Placement.UpdateView(new MembershipView(active, snapshot.Version));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            _silo.Logger.LogWarning(e, "Reading the membership table failed; keeping the current view");
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private void OnTableChanged() => _ = RefreshAsync(CancellationToken.None);

    private async Task HeartbeatAsync()
    {
        try
        {
            await _table.UpdateIAmAliveAsync(_silo.Address, _silo.TimeProvider.GetUtcNow());
        }
        catch (Exception e)
        {
            _silo.Logger.LogWarning(e, "Heartbeat failed");
        }
    }

    private async Task WriteStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var snapshot = await _table.ReadAllAsync(cancellationToken);
            var now = _silo.TimeProvider.GetUtcNow();
            var existing = snapshot.Entries.FirstOrDefault(e => e.Silo == _silo.Address);
            var entry = existing is null
                ? new MembershipEntry(_silo.Address, status, _silo.Options.SiloPort, Environment.MachineName, _startTime, now)
                : existing with { Status = status, IAmAliveTime = now };
            if (await _table.TryWriteAsync(entry, snapshot.Version, cancellationToken))
            {
                _silo.Status = status;
                await RefreshAsync(cancellationToken);
                return;
            }

            if (attempt > 50)
            {
                throw new InvalidOperationException($"Could not write status {status} for {_silo.Address}: the membership table keeps changing.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5 + Random.Shared.Next(20)), _silo.TimeProvider, cancellationToken);
        }
    }

    private void StopTimers()
    {
        _stopped = true;
        _heartbeat?.Dispose();
        _refresh?.Dispose();
        if (_table is InMemoryMembershipTable memory)
        {
            memory.Changed -= OnTableChanged;
        }
    }

    public ValueTask DisposeAsync()
    {
        StopTimers();
        return ValueTask.CompletedTask;
    }
}
