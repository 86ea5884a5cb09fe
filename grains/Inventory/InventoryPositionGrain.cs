using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.Runtime;
using Parity.Runtime.EventSourcing;
using Parity.Runtime.Timers;

namespace Parity.Grains.Inventory;

/// <summary>
/// One SKU at one location: decides every command with <see cref="InventoryPositionDecider"/> and journals the
/// events, so the figures are the fold of a durable ledger. Guarantees:
/// <list type="bullet">
/// <item>a caller is answered only once the events of its call are durable (group commit; the reserve turn
/// never awaits), and a retry of a command's id returns the original answer and moves nothing;</item>
/// <item>preemptions, expiries and NegativeStock reports go to an outbox in the journaled state and are
/// delivered (owner grain, exception queue) only after they are durable, retried until delivered, and
/// removed from the outbox by a journaled acknowledgement: at least once;</item>
/// <item>Cart reservations expire on time through a grain timer while active, and through a durable reminder
/// (registered before the first Cart reservation is acknowledged) when the grain was deactivated or its silo died;</item>
/// <item>ATS per channel is pushed to the SKU availability grain after each change is durable, with at most one
/// push in flight (the latest figures follow when it completes), each carrying the ledger version;</item>
/// <item>the effective channel policy is cached: read at activation, replaced when the policy grain says it
/// changed, re-checked every <see cref="PolicyCheckPeriod"/>; no reservation calls the policy grain.</item>
/// </list>
/// </summary>
[GrainType("inventory-position")]
public sealed class InventoryPositionGrain : JournaledGrain<InventoryPositionGrainState, InventoryEvent>, IInventoryPositionGrain, IRemindable
{
    /// <summary>Name of the position's one reminder (Cart expiry and outbox retries).</summary>
    public const string ReminderName = "inventory-position";

    private static readonly TimeSpan PolicyCheckPeriod = TimeSpan.FromMinutes(1);

    // Period of the reminder: how soon a wake-up lost with a crashed silo is tried again.
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    private PositionKey? _position;
    private ChannelPolicy _policy = new();
    private long _policyConfigurationVersion = -1;
    private IGrainTimer? _expiryTimer;
    private DateTimeOffset? _expiryTimerDue;
    private IGrainTimer? _retryTimer;
    private TimeSpan _retryDelay = FirstRetryDelay;
    private ReminderState _reminder = ReminderState.Unknown;
    private DateTimeOffset _reminderDue;
    private bool _delivering;
    private bool _pushing;
    private long _pushedVersion = -1;

    private enum ReminderState
    {
        Unknown,
        Absent,
        Registered,
    }

    private PositionKey Position => _position ??= PositionKey.Parse(Key);

    /// <summary>
    /// A snapshot costs time proportional to the state (a flash sale leaves tens of thousands of reservations), so
    /// it is written at most once per that many events: amortised O(1) per event, and replay at activation stays
    /// bounded by the state's own size. Measured: a fixed interval of 100 cut a hot position from ~85,000 to
    /// ~4,000 decisions/s once 40,000 reservations were held.
    /// </summary>
    protected override int SnapshotInterval => Math.Max(base.SnapshotInterval, State.Size);

    private InventoryPositionState Ledger => State.Ledger!;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Whatever call caused the activation, the policy events raised here are not part of it.
        RequestContext.Clear();
        State.Initialize(Position);
        var effective = await GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).WatchAsync(Position);
        if (UsePolicy(effective) is { Events.Count: > 0 } decision)
        {
            RaiseEvents(decision.Events, new EventSource("parity", $"policy:{effective.Policy.Version}"));
            await ConfirmEvents();
        }

        RegisterGrainTimer(CheckPolicyAsync, PolicyCheckPeriod, PolicyCheckPeriod);
        AfterChange();
        await SyncReminderAsync();
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Best effort and not awaited: the policy grain may be leaving too; a stale watch only costs a no-op notice.
        _ = GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).UnwatchAsync(Position)
            .ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ReservationOutcome> ReserveAsync(ReserveRequest request)
    {
        // The flash-sale path: one decision, at most one event, no await, no LINQ; group commit answers the caller.
        var decision = InventoryPositionDecider.Reserve(Ledger, request, _policy, TimeProvider.GetUtcNow());
        if (decision.Events.Count == 0)
        {
            return Task.FromResult(decision.Result);
        }

        RaiseEvent(decision.Events[0], new EventSource(null, request.RequestId));
        return FinishAsync(decision.Result);
    }

    /// <inheritdoc />
    public Task<ReleaseResult> ReleaseAsync(string eventId, string reservationId, string? reason)
    {
        if (Recorded(eventId) is { } recorded)
        {
            return Task.FromResult(recorded.Release ?? throw ReusedEventId(eventId, "release"));
        }

        var decision = InventoryPositionDecider.Release(Ledger, reservationId, reason);
        if (!decision.Result.Released)
        {
            // Nothing happened and nothing can: the reservation never comes back, so a retry gets the same answer.
            return Task.FromResult(decision.Result);
        }

        var source = new EventSource(null, eventId);
        RaiseEvents(decision.Events, source);
        RaiseEvent(new ReleaseRecorded(eventId, decision.Result), source);
        return FinishAsync(decision.Result);
    }

    /// <inheritdoc />
    public Task<MovementResult> ShipAsync(string eventId, string reservationId, string shipmentRef) =>
        MoveAsync(eventId, () => InventoryPositionDecider.Ship(Ledger, _policy, reservationId, shipmentRef));

    /// <inheritdoc />
    public Task<MovementResult> ExpectIncomingAsync(string eventId, int quantity, string reference) =>
        MoveAsync(eventId, () => InventoryPositionDecider.ExpectIncoming(Ledger, quantity, reference));

    /// <inheritdoc />
    public Task<MovementResult> ReceiveAsync(string eventId, int quantity, string? reference) =>
        MoveAsync(eventId, () => InventoryPositionDecider.Receive(Ledger, quantity, reference));

    /// <inheritdoc />
    public Task<MovementResult> AdjustAsync(string eventId, int countedQuantity, string? reason) =>
        MoveAsync(eventId, () => InventoryPositionDecider.Adjust(Ledger, _policy, countedQuantity, reason));

    /// <inheritdoc />
    public Task<MovementResult> RecordStoreSaleAsync(string eventId, int quantity, string ticketRef) =>
        MoveAsync(eventId, () => InventoryPositionDecider.RecordStoreSale(Ledger, _policy, quantity, ticketRef));

    /// <inheritdoc />
    public Task<MovementResult> RecordStoreReturnAsync(string eventId, int quantity, string ticketRef) =>
        MoveAsync(eventId, () => InventoryPositionDecider.RecordStoreReturn(Ledger, quantity, ticketRef));

    /// <inheritdoc />
    public Task<MovementResult> TransferOutAsync(string eventId, string transferId, int quantity, string toLocationId) =>
        MoveAsync(eventId, () => InventoryPositionDecider.TransferOut(Ledger, _policy, transferId, quantity, toLocationId));

    /// <inheritdoc />
    public Task<MovementResult> AnnounceTransferInAsync(string eventId, string transferId, int quantity, string fromLocationId) =>
        MoveAsync(eventId, () => InventoryPositionDecider.AnnounceTransferIn(Ledger, transferId, quantity, fromLocationId));

    /// <inheritdoc />
    public Task<MovementResult> ReceiveTransferAsync(string eventId, string transferId, int quantity, string fromLocationId) =>
        MoveAsync(eventId, () => InventoryPositionDecider.ReceiveTransfer(Ledger, transferId, quantity, fromLocationId));

    /// <inheritdoc />
    public Task<MovementResult> RecordDamageAsync(string eventId, int quantity, string? reason) =>
        MoveAsync(eventId, () => InventoryPositionDecider.RecordDamage(Ledger, _policy, quantity, reason));

    /// <inheritdoc />
    public Task<MovementResult> MoveToQualityControlAsync(string eventId, int quantity, string? reason) =>
        MoveAsync(eventId, () => InventoryPositionDecider.MoveToQualityControl(Ledger, _policy, quantity, reason));

    /// <inheritdoc />
    public Task<MovementResult> ReleaseFromQualityControlAsync(string eventId, int quantity, QualityControlOutcome outcome) =>
        MoveAsync(eventId, () => InventoryPositionDecider.ReleaseFromQualityControl(Ledger, quantity, outcome));

    /// <inheritdoc />
    public Task<MovementResult> ReceiveReturnAsync(string eventId, string returnRef, int quantity, ReturnDisposition disposition) =>
        MoveAsync(eventId, () => InventoryPositionDecider.ReceiveReturn(Ledger, returnRef, quantity, disposition));

    /// <inheritdoc />
    public Task<MovementResult> ProcessReturnAsync(string eventId, string returnRef, int quantity, QualityControlOutcome outcome) =>
        MoveAsync(eventId, () => InventoryPositionDecider.ProcessReturn(Ledger, returnRef, quantity, outcome));

    /// <inheritdoc />
    public Task<MovementResult> PolicyChangedAsync(EffectivePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (UsePolicy(policy) is not { } decision)
        {
            return Task.FromResult(MovementResult.None);
        }

        RaiseEvents(decision.Events, new EventSource("parity", $"policy:{policy.Policy.Version}"));
        return FinishAsync(decision.Result);
    }

    /// <inheritdoc />
    public Task RepushAvailabilityAsync()
    {
        _pushedVersion = -1;
        SchedulePush();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> GetAvailableToSellAsync(string channelId) =>
        Task.FromResult(InventoryPositionDecider.AvailableToSell(Ledger, _policy, channelId));

    /// <inheritdoc />
    public Task<PositionDetails> GetPositionAsync()
    {
        var reservations = Ledger.Reservations
            .OrderBy(r => r.Sequence)
            .Select(r => new ReservationInfo(r.Id, r.RequestId, r.ChannelId, r.OrderRef, r.Quantity, r.Kind, r.ExpiresAt, r.PolicyVersion))
            .ToList();
        return Task.FromResult(new PositionDetails(
            Ledger.ToFigures(), reservations, InventoryPositionDecider.Availability(Ledger, _policy), State.Notices.Count,
            Ledger.RememberedRequests));
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            await UnregisterReminder(reminderName);
            return;
        }

        // Idempotent: expiring what is due and kicking the outbox are no-ops when the timer got there first.
        ExpireDue();
        AfterChange();

        // The service moves the reminder after this returns unless we re-register; either way, decide afresh.
        _reminder = ReminderState.Unknown;
        await SyncReminderAsync();
    }

    /// <inheritdoc />
    protected override void TransitionState(InventoryPositionGrainState state, InventoryEvent @event)
    {
        state.Initialize(Position);
        state.Apply(@event);
    }

    private static ArgumentException ReusedEventId(string eventId, string command) =>
        new($"Event id '{eventId}' was already used by a command other than a {command}.", nameof(eventId));

    private RecordedCommand? Recorded(string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return State.TryGetCommand(eventId, out var recorded) ? recorded : null;
    }

    private Task<MovementResult> MoveAsync(string eventId, Func<InventoryDecision<MovementResult>> decide)
    {
        if (Recorded(eventId) is { } recorded)
        {
            return Task.FromResult(recorded.Movement ?? throw ReusedEventId(eventId, "movement"));
        }

        // A refused movement throws here, before anything is raised, so it is simply not recorded.
        var decision = decide();
        var source = new EventSource(null, eventId);
        RaiseEvents(decision.Events, source);
        RaiseEvent(new MovementRecorded(eventId, decision.Result, RequestContext.CorrelationId), source);
        return FinishAsync(decision.Result);
    }

    // Every turn that raised events ends here.
    private Task<TResult> FinishAsync<TResult>(TResult result)
    {
        AssertInvariants();
        AfterChange();
        return NeedsReminderRegistration() ? RegisterThenAnswerAsync(result) : Task.FromResult(result);
    }

    private async Task<TResult> RegisterThenAnswerAsync<TResult>(TResult result)
    {
        // Before the caller hears of a Cart reservation or a notice, some reminder must exist to wake the grain.
        await SyncReminderAsync();
        return result;
    }

    private InventoryDecision<MovementResult>? UsePolicy(EffectivePolicy effective)
    {
        if (effective.ConfigurationVersion <= _policyConfigurationVersion)
        {
            return null;
        }

        _policyConfigurationVersion = effective.ConfigurationVersion;
        _policy = effective.Policy;
        return InventoryPositionDecider.ApplyPolicy(Ledger, _policy);
    }

    private async Task CheckPolicyAsync(CancellationToken cancellationToken)
    {
        var policies = GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey);
        if (await policies.GetConfigurationVersionAsync() <= _policyConfigurationVersion)
        {
            return;
        }

        if (UsePolicy(await policies.WatchAsync(Position)) is { Events.Count: > 0 } decision)
        {
            RaiseEvents(decision.Events, new EventSource("parity", $"policy:{_policy.Version}"));
            AssertInvariants();
            AfterChange();
            await SyncReminderAsync();
        }
    }

    private void ExpireDue()
    {
        var decision = InventoryPositionDecider.ExpireDue(Ledger, TimeProvider.GetUtcNow());
        if (decision.Events.Count > 0)
        {
            RaiseEvents(decision.Events, new EventSource("parity", null));
        }
    }

    private Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        _expiryTimerDue = null;
        ExpireDue();
        AfterChange();
        return NeedsReminderRegistration() ? SyncReminderAsync() : Task.CompletedTask;
    }

    private Task OnRetryTimerAsync(CancellationToken cancellationToken)
    {
        AfterChange();
        return Task.CompletedTask;
    }

    // Cheap bookkeeping after a state change: arm the expiry timer, start the outbox and the push if idle.
    private void AfterChange()
    {
        ArmExpiryTimer();
        if (State.Notices.Count > 0 && !_delivering)
        {
            _ = DeliverOutboxAsync();
        }

        SchedulePush();
    }

    private void ArmExpiryTimer()
    {
        var next = Ledger.NextExpiry;
        if (next == _expiryTimerDue)
        {
            return;
        }

        _expiryTimerDue = next;
        if (next is null)
        {
            _expiryTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = next.Value - TimeProvider.GetUtcNow();
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_expiryTimer is null)
        {
            _expiryTimer = RegisterGrainTimer(OnExpiryTimerAsync, due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _expiryTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    // When the grain must wake up even if nobody calls it: the next Cart expiry, or an outbox retry.
    private DateTimeOffset? DesiredWake()
    {
        var wake = Ledger.NextExpiry;
        if (State.Notices.Count > 0)
        {
            var retry = TimeProvider.GetUtcNow() + _retryDelay;
            wake = wake is null || retry < wake ? retry : wake;
        }

        return wake;
    }

    // Only a missing reminder needs the turn to wait; a reminder due earlier than needed wakes the grain early,
    // finds nothing due, and moves itself (ReceiveReminder), so later wake-ups are never lost.
    private bool NeedsReminderRegistration() =>
        _reminder != ReminderState.Registered && (Ledger.NextExpiry is not null || State.Notices.Count > 0);

    private async Task SyncReminderAsync()
    {
        var wake = DesiredWake();
        if (wake is null)
        {
            if (_reminder != ReminderState.Absent)
            {
                await UnregisterReminder(ReminderName);
                _reminder = ReminderState.Absent;
            }

            return;
        }

        if (_reminder == ReminderState.Registered && _reminderDue <= wake)
        {
            return;
        }

        var due = wake.Value - TimeProvider.GetUtcNow();
        await RegisterOrUpdateReminder(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.Zero, ReminderPeriod);
        _reminder = ReminderState.Registered;
        _reminderDue = wake.Value;
    }

    // Runs between turns on the activation's scheduler (never in parallel with grain code). Delivers only notices
    // whose events are durable, and journals each delivery so a new activation does not repeat it.
    private async Task DeliverOutboxAsync()
    {
        _delivering = true;
        RequestContext.Clear();
        var raisedMeanwhile = false;
        try
        {
            var failed = false;
            while (!failed && State.Notices.Count > 0)
            {
                await ConfirmEvents();
                foreach (var notice in State.Notices.ToArray())
                {
                    if (notice.Sequence > ConfirmedVersion)
                    {
                        continue;
                    }

                    try
                    {
                        await DeliverAsync(notice);
                    }
                    catch (Exception e)
                    {
                        Logger.LogWarning(e, "Delivering notice {NoticeId} of {Position} failed; retrying in {Delay}", notice.Id, Position, _retryDelay);
                        failed = true;
                        break;
                    }

                    RaiseEvent(new NoticeDelivered(notice.Id), new EventSource("parity", notice.Id));
                }
            }

            await ConfirmEvents();
            if (failed)
            {
                ScheduleRetry();
            }
            else
            {
                _retryDelay = FirstRetryDelay;
                raisedMeanwhile = State.Notices.Count > 0;
            }
        }
        catch (Exception e)
        {
            // The journal failed and the grain reloads; the retry timer or the reminder resumes delivery.
            Logger.LogWarning(e, "Outbox of {Position} stopped", Position);
            ScheduleRetry();
        }
        finally
        {
            _delivering = false;
        }

        // A notice raised while the last deliveries were being confirmed found this loop still running and did not
        // start another; without this it would wait for the retry reminder.
        if (raisedMeanwhile)
        {
            _ = DeliverOutboxAsync();
        }
    }

    private Task DeliverAsync(PendingNotice notice)
    {
        if (notice.Preempted is { } preempted)
        {
            return GrainFactory.GetGrain<IReservationOwner>(preempted.OrderRef).ReservationPreemptedAsync(Position, preempted);
        }

        if (notice.Expired is { } expired)
        {
            return GrainFactory.GetGrain<IReservationOwner>(expired.OrderRef).ReservationExpiredAsync(Position, expired);
        }

        var negative = notice.NegativeStock!;
        var report = new ExceptionReport(
            ExceptionCategory.NegativeStock,
            $"NegativeStock/{Position}",
            $"POS ticket {negative.TicketRef} sold {negative.Quantity} of {Position.Sku} at {Position.LocationId} with {negative.OnHandBefore} on hand; {negative.Shortfall} sold beyond stock. Count the shelf or look for a missing receipt.",
            notice.CorrelationId,
            notice.SourceEventId is null ? [] : [notice.SourceEventId],
            Channel: StoreDays.StoreDayPosting.Channel); // only a POS store sale goes below OnHand
        return GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).RaiseAsync(report);
    }

    private void ScheduleRetry()
    {
        var delay = _retryDelay;
        _retryDelay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, _retryDelay.Ticks * 2));
        if (_retryTimer is null)
        {
            _retryTimer = RegisterGrainTimer(OnRetryTimerAsync, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _retryTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void SchedulePush()
    {
        if (!_pushing && Ledger.Version != _pushedVersion)
        {
            _ = PushAvailabilityAsync();
        }
    }

    // At most one push in flight; when it completes, the latest figures follow. Each push is computed at a version
    // and sent only once that version is durable, so the availability grain never sees figures that may be lost.
    private async Task PushAvailabilityAsync()
    {
        _pushing = true;
        RequestContext.Clear();
        try
        {
            var availability = GrainFactory.GetGrain<ISkuAvailabilityGrain>(Position.Sku);
            while (Ledger.Version != _pushedVersion)
            {
                var push = InventoryPositionDecider.Availability(Ledger, _policy);
                await ConfirmEvents();
                await availability.UpdateAsync(push);
                _pushedVersion = push.Version;
            }
        }
        catch (Exception e)
        {
            // A lost push is repaired by the next change, a retry, or the availability grain asking on activation.
            Logger.LogDebug(e, "Pushing the availability of {Position} failed", Position);
            ScheduleRetry();
        }
        finally
        {
            _pushing = false;
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        var violations = InventoryInvariants.Check(Ledger, _policy);
        if (violations.Count > 0)
        {
            throw new InvalidOperationException(
                $"{Position} broke its invariants: {string.Join("; ", violations.Select(v => $"{v.Rule} ({v.Detail})"))}");
        }
    }
}
