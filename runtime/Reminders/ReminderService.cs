using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Parity.Runtime.Hosting;
using Parity.Runtime.Invocation;

namespace Parity.Runtime.Reminders;

/// <summary>
/// Fires durable reminders on the silo that owns each grain: polls the table for due rows, delivers
/// <see cref="IRemindable.ReceiveReminder"/> as an ordinary grain call (activating the grain if needed),
/// and only then moves the row's due time, conditional on its ETag. A silo that dies mid-delivery leaves
/// the row due, so the new owner fires it again: delivery is at least once.
/// </summary>
internal sealed class ReminderService : IAsyncDisposable
{
    private readonly Silo _silo;
    private readonly IReminderTable _table;
    private readonly ConcurrentDictionary<(GrainId, string), bool> _inFlight = new();
    private readonly SemaphoreSlim _pollGate = new(1, 1);
    private GrainMethod? _receiveReminder;
    private ITimer? _timer;

    public ReminderService(Silo silo, IReminderTable table)
    {
        _silo = silo;
        _table = table;
    }

    /// <summary>Deliveries running now, for the statistics.</summary>
    public int InFlight => _inFlight.Count;

    public void Start()
    {
        _receiveReminder = _silo.Registry.GetInterface(typeof(IRemindable)).AllMethods.Single(m => m.Name == nameof(IRemindable.ReceiveReminder));
        var period = _silo.Options.ReminderPollPeriod;
        _timer = _silo.TimeProvider.CreateTimer(static s => _ = ((ReminderService)s!).PollAsync(), this, TimeSpan.Zero, period);
    }

    public Task RegisterOrUpdateAsync(GrainId grainId, string name, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "A reminder's period must be positive.");
        }

        _silo.StatisticsInternal.RecordReminderRegistered();
        return _table.UpsertAsync(new ReminderEntry(grainId, name, _silo.TimeProvider.GetUtcNow() + dueTime, period, null));
    }

    public Task<bool> UnregisterAsync(GrainId grainId, string name)
    {
        _silo.StatisticsInternal.RecordReminderUnregistered();
        return _table.RemoveAsync(grainId, name);
    }

    /// <summary>Fires every due reminder this silo owns; also called by tests to avoid waiting for the timer.</summary>
    public async Task PollAsync()
    {
        if (!await _pollGate.WaitAsync(0))
        {
            return;
        }

        try
        {
            if (_silo.Status != Membership.SiloStatus.Active)
            {
                return;
            }

            var now = _silo.TimeProvider.GetUtcNow();
            var due = 0;
            foreach (var reminder in await _table.ReadDueAsync(now))
            {
                if (!_silo.Placement.IsLocalOwner(reminder.GrainId))
                {
                    continue;
                }

                due++;
                if (_inFlight.TryAdd((reminder.GrainId, reminder.Name), true))
                {
                    _ = FireAsync(reminder);
                }
            }

            _silo.StatisticsInternal.RecordRemindersDue(due);
        }
        catch (Exception e)
        {
            _silo.Logger.LogWarning(e, "Polling reminders failed; retrying at the next poll");
        }
        finally
        {
            _pollGate.Release();
        }
    }

    private async Task FireAsync(ReminderEntry reminder)
    {
        try
        {
            var now = _silo.TimeProvider.GetUtcNow();
            await _silo.Router.InvokeAsync(reminder.GrainId, _receiveReminder!, [reminder.Name, new TickStatus(reminder.DueAt, reminder.Period, now)]);
            var next = reminder.DueAt + reminder.Period;
            if (next <= now)
            {
                // Skip the ticks missed while nobody owned the grain; fire once for them, not once each.
                var missed = (long)Math.Ceiling((now - next) / reminder.Period);
                next += reminder.Period * Math.Max(1, missed);
            }

            await _table.TryUpdateDueAsync(reminder.GrainId, reminder.Name, next, reminder.ETag!);
            _silo.StatisticsInternal.RecordReminderFired(succeeded: true);
        }
        catch (Exception e)
        {
            _silo.StatisticsInternal.RecordReminderFired(succeeded: false);
            _silo.Logger.LogWarning(e, "Reminder {Name} of {GrainId} failed; it stays due and fires again", reminder.Name, reminder.GrainId);
        }
        finally
        {
            _inFlight.TryRemove((reminder.GrainId, reminder.Name), out _);
        }
    }

    public ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        return ValueTask.CompletedTask;
    }
}
