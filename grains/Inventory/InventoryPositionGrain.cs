using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Orleans.Concurrency;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Grains.Telemetry;
using Parity.Providers.Journal;

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
/// changed, re-checked every <see cref="PolicyCheckPeriod"/>; no reservation calls the policy grain;</item>
/// <item>while it holds Order-kind reservations made under an order's request ids, a timer audits them
/// (<see cref="OrderHoldAuditOptions"/>): a hold older than the grace period that its order does not count as an
/// allocation is raised as an InsufficientStock exception and released.</item>
/// </list>
/// Reentrant for group commit: every call decides on the tentative state and raises its events before its first
/// await, so reservations arriving while an append is in flight go in the next append.
/// </summary>
[Reentrant]
[GrainType("inventory-position")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class InventoryPositionGrain(
    TimeProvider clock, ILogger<InventoryPositionGrain> logger, ParityMetrics metrics, IOptions<OrderHoldAuditOptions>? audit = null)
    : JournaledGrain<InventoryPositionGrainState, InventoryEvent>, IInventoryPositionGrain, IRemindable, IJournalSnapshotPolicy<InventoryPositionGrainState>
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

    // Nothing was ever journaled here: the policy is applied with the first write, not at activation, so a read of a
    // position nothing created (a typo, a probe) stores nothing and adds no location to the SKU's availability.
    private bool _policyPending;
    private IGrainTimer? _expiryTimer;
    private DateTimeOffset? _expiryTimerDue;
    private IGrainTimer? _retryTimer;
    private TimeSpan _retryDelay = FirstRetryDelay;
    private ReminderState _reminder = ReminderState.Unknown;
    private DateTimeOffset _reminderDue;
    private bool _delivering;
    private bool _pushing;
    private long _pushedVersion = -1;
    private readonly OrderHoldAuditOptions _audit = audit?.Value ?? new OrderHoldAuditOptions();
    private IGrainTimer? _auditTimer;
    private DateTimeOffset _activatedAt;

    // Holds whose order said it counts them: not asked again while this activation lives.
    private readonly HashSet<string> _ownedHolds = new(StringComparer.Ordinal);

    private enum ReminderState
    {
        Unknown,
        Absent,
        Registered,
    }

    private readonly TimeProvider _clock = clock;
    private readonly ILogger<InventoryPositionGrain> _logger = logger;

    private PositionKey Position => _position ??= PositionKey.Parse(this.GetPrimaryKeyString());

    /// <summary>
    /// A snapshot costs time proportional to the state (a flash sale leaves tens of thousands of reservations), so
    /// it is written at most once per that many events: amortised O(1) per event, and replay at activation stays
    /// bounded by the state's own size. Measured: a fixed interval of 100 cut a hot position from ~85,000 to
    /// ~4,000 decisions/s once 40,000 reservations were held.
    /// </summary>
    public int GetSnapshotInterval(InventoryPositionGrainState confirmedView, int defaultInterval) => Math.Max(defaultInterval, confirmedView.Size);

    private InventoryPositionState Ledger => TentativeState.Ledger!;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);

        // Whatever call caused the activation, the policy events raised here are not part of it.
        RequestContext.Clear();
        _activatedAt = _clock.GetUtcNow();
        State.Initialize(Position);
        TentativeState.Initialize(Position);
        var effective = await GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).WatchAsync(Position);
        _policyPending = Version == 0;
        if (UsePolicy(effective) is { Events.Count: > 0 } decision && !_policyPending)
        {
            using (new EventSource("parity", $"policy:{effective.Policy.Version}").Scope())
            {
                RaiseEvents(decision.Events);
            }

            await ConfirmEvents();
        }

        this.RegisterGrainTimer(CheckPolicyAsync, PolicyCheckPeriod, PolicyCheckPeriod);
        AfterChange();
        if (!_policyPending)
        {
            await SyncReminderAsync();
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // When the silo stops, the policy grain's activation (and its list of watchers) may be going too: nothing to tell.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown)
        {
            return Task.CompletedTask;
        }

        // Best effort and not awaited: the policy grain may be leaving too; a stale watch only costs a no-op notice.
        _ = GrainFactory.GetGrain<IChannelPolicyGrain>(IChannelPolicyGrain.GlobalKey).UnwatchAsync(Position)
            .ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ReservationOutcome> ReserveAsync(ReserveRequest request)
    {
        // The flash-sale path: one decision, at most one event, no await, no LINQ; group commit answers the caller.
        var now = _clock.GetUtcNow();
        var decision = Decide(state => InventoryPositionDecider.Reserve(state, request, _policy, now));
        if (decision.Events.Count == 0)
        {
            // A refusal or a retried request's recorded outcome: answered once what it reports is durable.
            if (decision.Result.Status == ReservationStatus.Rejected)
            {
                metrics.Reservation(request.ChannelId, ReservationStatus.Rejected);
            }

            return AnswerAsync(decision.Result);
        }

        using (new EventSource(null, request.RequestId).Scope())
        {
            RaiseEvent(decision.Events[0]);
        }

        return CountedAsync(request.ChannelId, FinishAsync(decision.Result));
    }

    /// <inheritdoc />
    public Task<ReleaseResult> ReleaseAsync(string eventId, string reservationId, string? reason)
    {
        if (Recorded(eventId) is { } recorded)
        {
            return AnswerAsync(recorded.Release ?? throw ReusedEventId(eventId, "release"));
        }

        var decision = InventoryPositionDecider.Release(Ledger, reservationId, reason);
        if (!decision.Result.Released)
        {
            // Nothing happened and nothing can: the reservation never comes back, so a retry gets the same answer.
            return AnswerAsync(decision.Result);
        }

        var source = new EventSource(null, SourceEventIdOf(eventId));
        using (source.Scope())
        {
            RaiseEvents(decision.Events);
        }

        using (source.Scope())
        {
            RaiseEvent(new ReleaseRecorded(eventId, decision.Result));
        }

        return FinishAsync(decision.Result);
    }

    /// <inheritdoc />
    public Task<MovementResult> ShipAsync(string eventId, string reservationId, string shipmentRef) =>
        MoveAsync(eventId, Describe("shipment of reservation {0} (shipment {1})", reservationId, shipmentRef), state => InventoryPositionDecider.Ship(state, _policy, reservationId, shipmentRef));

    /// <inheritdoc />
    public Task<MovementResult> ExpectIncomingAsync(string eventId, int quantity, string reference) =>
        MoveAsync(eventId, Describe("expected incoming of {0} units (reference {1})", quantity, reference), state => InventoryPositionDecider.ExpectIncoming(state, quantity, reference));

    /// <inheritdoc />
    public Task<MovementResult> ReceiveAsync(string eventId, int quantity, string? reference) =>
        MoveAsync(eventId, Describe("receipt of {0} units (reference {1})", quantity, reference), state => InventoryPositionDecider.Receive(state, quantity, reference));

    /// <inheritdoc />
    public Task<MovementResult> AdjustAsync(string eventId, int countedQuantity, string? reason) =>
        MoveAsync(eventId, Describe("cycle count of {0} units (reason {1})", countedQuantity, reason), state => InventoryPositionDecider.Adjust(state, _policy, countedQuantity, reason));

    /// <inheritdoc />
    public Task<MovementResult> RecordStoreSaleAsync(string eventId, int quantity, string ticketRef) =>
        MoveAsync(eventId, Describe("store sale of {0} units (ticket {1})", quantity, ticketRef), state => InventoryPositionDecider.RecordStoreSale(state, _policy, quantity, ticketRef));

    /// <inheritdoc />
    public Task<MovementResult> RecordStoreReturnAsync(string eventId, int quantity, string ticketRef) =>
        MoveAsync(eventId, Describe("store return of {0} units (ticket {1})", quantity, ticketRef), state => InventoryPositionDecider.RecordStoreReturn(state, quantity, ticketRef));

    /// <inheritdoc />
    public Task<MovementResult> TransferOutAsync(string eventId, string transferId, int quantity, string toLocationId) =>
        MoveAsync(eventId, Describe("transfer {0} of {1} units to {2}", transferId, quantity, toLocationId), state => InventoryPositionDecider.TransferOut(state, _policy, transferId, quantity, toLocationId));

    /// <inheritdoc />
    public Task<MovementResult> AnnounceTransferInAsync(string eventId, string transferId, int quantity, string fromLocationId) =>
        MoveAsync(eventId, Describe("announced transfer {0} of {1} units from {2}", transferId, quantity, fromLocationId), state => InventoryPositionDecider.AnnounceTransferIn(state, transferId, quantity, fromLocationId));

    /// <inheritdoc />
    public Task<MovementResult> ReceiveTransferAsync(string eventId, string transferId, int quantity, string fromLocationId) =>
        MoveAsync(eventId, Describe("received transfer {0} of {1} units from {2}", transferId, quantity, fromLocationId), state => InventoryPositionDecider.ReceiveTransfer(state, transferId, quantity, fromLocationId));

    /// <inheritdoc />
    public Task<MovementResult> RecordDamageAsync(string eventId, int quantity, string? reason) =>
        MoveAsync(eventId, Describe("damage of {0} units (reason {1})", quantity, reason), state => InventoryPositionDecider.RecordDamage(state, _policy, quantity, reason));

    /// <inheritdoc />
    public Task<MovementResult> MoveToQualityControlAsync(string eventId, int quantity, string? reason) =>
        MoveAsync(eventId, Describe("move of {0} units to quality control (reason {1})", quantity, reason), state => InventoryPositionDecider.MoveToQualityControl(state, _policy, quantity, reason));

    /// <inheritdoc />
    public Task<MovementResult> ReleaseFromQualityControlAsync(string eventId, int quantity, QualityControlOutcome outcome) =>
        MoveAsync(eventId, Describe("release of {0} units from quality control as {1}", quantity, outcome), state => InventoryPositionDecider.ReleaseFromQualityControl(state, quantity, outcome));

    /// <inheritdoc />
    public Task<MovementResult> ReceiveReturnAsync(string eventId, string returnRef, int quantity, ReturnDisposition disposition) =>
        MoveAsync(eventId, Describe("return {0} of {1} units received as {2}", returnRef, quantity, disposition), state => InventoryPositionDecider.ReceiveReturn(state, returnRef, quantity, disposition));

    /// <inheritdoc />
    public Task<MovementResult> ProcessReturnAsync(string eventId, string returnRef, int quantity, QualityControlOutcome outcome) =>
        MoveAsync(eventId, Describe("processing of return {0}: {1} units as {2}", returnRef, quantity, outcome), state => InventoryPositionDecider.ProcessReturn(state, returnRef, quantity, outcome));

    /// <inheritdoc />
    public Task<MovementResult> PolicyChangedAsync(EffectivePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (UsePolicy(policy) is not { } decision)
        {
            return Task.FromResult(MovementResult.None);
        }

        using (new EventSource("parity", $"policy:{policy.Policy.Version}").Scope())
        {
            RaiseEvents(decision.Events);
        }

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
    public Task<AvailabilityWithHolds> GetAvailableToSellWithHoldsAsync(HoldsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ats = InventoryPositionDecider.AvailableToSell(Ledger, _policy, query.ChannelId);

        // O(this order's holds), not O(all reservations): the first attempt of a placement finds none and pays a lookup.
        var held = new List<ReservationInfo>();
        foreach (var r in Ledger.OrderHoldsOf(query.OrderRef))
        {
            if (r.RequestId.StartsWith(query.RequestIdPrefix, StringComparison.Ordinal))
            {
                held.Add(new ReservationInfo(r.Id, r.RequestId, r.ChannelId, r.OrderRef, r.Quantity, r.Kind, r.ExpiresAt, r.PolicyVersion));
            }
        }

        var fresh = new string[query.RequestIds.Count];
        for (var i = 0; i < fresh.Length; i++)
        {
            var id = query.RequestIds[i];
            for (var n = 1; Ledger.IsKnownRequest(id); n++)
            {
                id = $"{query.RequestIds[i]}~{n}";
            }

            fresh[i] = id;
        }

        return Task.FromResult(new AvailabilityWithHolds(ats, held, fresh));
    }

    /// <inheritdoc />
    public Task<PositionDetails> GetPositionAsync()
    {
        var reservations = Ledger.Reservations
            .OrderBy(r => r.Sequence)
            .Select(r => new ReservationInfo(r.Id, r.RequestId, r.ChannelId, r.OrderRef, r.Quantity, r.Kind, r.ExpiresAt, r.PolicyVersion))
            .ToList();
        return Task.FromResult(new PositionDetails(
            Ledger.ToFigures(), reservations, InventoryPositionDecider.Availability(Ledger, _policy), TentativeState.Notices.Count,
            Ledger.RememberedRequests));
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            await this.UnregisterReminderAsync(reminderName);
            return;
        }

        // Idempotent: expiring what is due and kicking the outbox are no-ops when the timer got there first.
        ExpireDue();
        AfterChange();
        await AuditOrderHoldsAsync(CancellationToken.None);

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

    // The gateway scopes a client's event id by its channel ({channel}/{eventId}); a command recorded before ids were
    // scoped is stored under the id as sent and still answers its retry.
    private RecordedCommand? Recorded(string eventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventId);
        return TentativeState.TryGetCommand(eventId, out var recorded)
            || (ChannelIds.Unscoped(eventId) is { } legacy && TentativeState.TryGetCommand(legacy, out recorded))
            ? recorded
            : null;
    }

    // Lineage names the event as its sender knows it: the client's id, not the dedupe key scoped by its channel.
    private static string SourceEventIdOf(string eventId) => ChannelIds.Unscoped(eventId) ?? eventId;

    // A command in business words with a hash of every field: a retry must match it, or it is refused (409).
    private static string Describe(string format, params object?[] fields)
    {
        var words = string.Format(System.Globalization.CultureInfo.InvariantCulture, format, fields.Select(f => f ?? "none").ToArray());
        var canonical = string.Join("\u001f", fields.Select(f => Convert.ToString(f, System.Globalization.CultureInfo.InvariantCulture) ?? "\u0000").Prepend(format));
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)))[..16];
        return $"a {words} #{hash}";
    }

    private static string WordsOf(string fingerprint) => fingerprint[..fingerprint.LastIndexOf(" #", StringComparison.Ordinal)];

    private Task<MovementResult> MoveAsync(string eventId, string fingerprint, Func<InventoryPositionState, InventoryDecision<MovementResult>> decide)
    {
        if (Recorded(eventId) is { } recorded)
        {
            var movement = recorded.Movement ?? throw ReusedEventId(eventId, "movement");
            if (recorded.Fingerprint is { } first && first != fingerprint)
            {
                throw new EventIdConflictException(Position, SourceEventIdOf(eventId), WordsOf(first), WordsOf(fingerprint));
            }

            return AnswerAsync(movement);
        }

        // A refused movement throws here, before anything is raised, so it is simply not recorded.
        var decision = Decide(decide);
        ApplyPendingPolicy(); // the movement is recorded even when it moved nothing
        var source = new EventSource(null, SourceEventIdOf(eventId));
        using (source.Scope())
        {
            RaiseEvents(decision.Events);
        }

        using (source.Scope())
        {
            RaiseEvent(new MovementRecorded(eventId, decision.Result, ParityRequestContext.CorrelationId, fingerprint));
        }

        return FinishAsync(decision.Result);
    }

    // Every turn that raised events ends here: the caller is answered once they are durable.
    private async Task<TResult> FinishAsync<TResult>(TResult result)
    {
        AssertInvariants();
        AfterChange();
        if (NeedsReminderRegistration())
        {
            // Before the caller hears of a Cart reservation or a notice, some reminder must exist to wake the grain.
            await SyncReminderAsync();
        }

        await ConfirmEvents();
        return result;
    }

    private async Task<ReservationOutcome> CountedAsync(string channelId, Task<ReservationOutcome> answer)
    {
        var outcome = await answer;
        metrics.Reservation(channelId, outcome.Status);
        return outcome;
    }

    private async Task<TResult> AnswerAsync<TResult>(TResult result)
    {
        await ConfirmEvents();
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

        // A position nothing created yet keeps the newest policy in memory and journals it with its first write.
        return _policyPending ? null : InventoryPositionDecider.ApplyPolicy(Ledger, _policy);
    }

    // Decides a write. While the policy is pending, the write is first decided on a scratch ledger holding just the
    // policy: a refused first write throws there and raises nothing; one that raises events journals the policy first.
    private InventoryDecision<TResult> Decide<TResult>(Func<InventoryPositionState, InventoryDecision<TResult>> decide)
    {
        if (!_policyPending)
        {
            return decide(Ledger);
        }

        var scratch = new InventoryPositionState(Position, Ledger.OutcomeRetention);
        foreach (var e in InventoryPositionDecider.ApplyPolicy(scratch, _policy).Events)
        {
            scratch.Apply(e);
        }

        var trial = decide(scratch);
        if (trial.Events.Count == 0)
        {
            return trial;
        }

        ApplyPendingPolicy();
        return decide(Ledger);
    }

    private void ApplyPendingPolicy()
    {
        if (!_policyPending)
        {
            return;
        }

        _policyPending = false;
        using (new EventSource("parity", $"policy:{_policy.Version}").Scope())
        {
            RaiseEvents(InventoryPositionDecider.ApplyPolicy(Ledger, _policy).Events);
        }
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
            using (new EventSource("parity", $"policy:{_policy.Version}").Scope())
            {
                RaiseEvents(decision.Events);
            }

            AssertInvariants();
            AfterChange();
            await SyncReminderAsync();
        }
    }

    private void ExpireDue()
    {
        var decision = InventoryPositionDecider.ExpireDue(Ledger, _clock.GetUtcNow());
        if (decision.Events.Count > 0)
        {
            using (new EventSource("parity", null).Scope())
            {
                RaiseEvents(decision.Events);
            }
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

    // Cheap bookkeeping after a state change: arm the expiry and audit timers, start the outbox and the push if idle.
    private void AfterChange()
    {
        ArmExpiryTimer();
        if (_auditTimer is null && _audit.Enabled && Ledger.HoldsForOrders)
        {
            _auditTimer = this.RegisterGrainTimer(AuditOrderHoldsAsync, _audit.Period, _audit.Period);
        }

        if (TentativeState.Notices.Count > 0 && !_delivering)
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

        var due = next.Value - _clock.GetUtcNow();
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }

        if (_expiryTimer is null)
        {
            _expiryTimer = this.RegisterGrainTimer(OnExpiryTimerAsync, due, Timeout.InfiniteTimeSpan);
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
        if (TentativeState.Notices.Count > 0)
        {
            var retry = _clock.GetUtcNow() + _retryDelay;
            wake = wake is null || retry < wake ? retry : wake;
        }

        return wake;
    }

    // Only a missing reminder needs the turn to wait; a reminder due earlier than needed wakes the grain early,
    // finds nothing due, and moves itself (ReceiveReminder), so later wake-ups are never lost.
    private bool NeedsReminderRegistration() =>
        _reminder != ReminderState.Registered && (Ledger.NextExpiry is not null || TentativeState.Notices.Count > 0);

    private async Task SyncReminderAsync()
    {
        var wake = DesiredWake();
        if (wake is null)
        {
            if (_reminder != ReminderState.Absent)
            {
                await this.UnregisterReminderAsync(ReminderName);
                _reminder = ReminderState.Absent;
            }

            return;
        }

        if (_reminder == ReminderState.Registered && _reminderDue <= wake)
        {
            return;
        }

        var due = wake.Value - _clock.GetUtcNow();
        await this.RegisterReminderAsync(ReminderName, due > TimeSpan.Zero ? due : TimeSpan.Zero, ReminderPeriod);
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
            while (!failed && TentativeState.Notices.Count > 0)
            {
                await ConfirmEvents();
                foreach (var notice in TentativeState.Notices.ToArray())
                {
                    if (notice.Sequence > Version)
                    {
                        continue;
                    }

                    try
                    {
                        await DeliverAsync(notice);
                    }
                    catch (Exception e)
                    {
                        _logger.LogWarning(e, "Delivering notice {NoticeId} of {Position} failed; retrying in {Delay}", notice.Id, Position, _retryDelay);
                        failed = true;
                        break;
                    }

                    using (new EventSource("parity", notice.Id).Scope())
                    {
                        RaiseEvent(new NoticeDelivered(notice.Id));
                    }
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
                raisedMeanwhile = TentativeState.Notices.Count > 0;
            }
        }
        catch (Exception e)
        {
            // The journal failed and the grain reloads; the retry timer or the reminder resumes delivery.
            _logger.LogWarning(e, "Outbox of {Position} stopped", Position);
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
            _retryTimer = this.RegisterGrainTimer(OnRetryTimerAsync, delay, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _retryTimer.Change(delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void SchedulePush()
    {
        // An empty ledger has nothing to offer: pushing it would list the location for the SKU (a read must not).
        if (!_pushing && Ledger.Version != _pushedVersion && Ledger.Version > 0)
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
            _logger.LogDebug(e, "Pushing the availability of {Position} failed", Position);
            ScheduleRetry();
        }
        finally
        {
            _pushing = false;
        }
    }

    // A hold an order's placement made (request id "{order}|...") that the order does not count as an allocation was
    // left by an attempt that crashed between the position's append and the order's; after the grace period (a retry
    // adopts it sooner) it is raised for a person and given back. Carts and holds of other owners are not audited.
    private async Task AuditOrderHoldsAsync(CancellationToken cancellationToken)
    {
        if (!Ledger.HoldsForOrders || !_audit.Enabled)
        {
            _auditTimer?.Dispose();
            _auditTimer = null;
            _ownedHolds.Clear();
            return;
        }

        var now = _clock.GetUtcNow();
        var due = new List<ActiveReservation>();
        foreach (var (orderRef, holds) in Ledger.OrderHolds)
        {
            foreach (var hold in holds)
            {
                if (!_ownedHolds.Contains(hold.Id) && hold.RequestId.StartsWith(orderRef + "|", StringComparison.Ordinal)
                    && now - (hold.ReservedAt ?? _activatedAt) >= _audit.GracePeriod)
                {
                    due.Add(hold);
                }
            }
        }

        _ownedHolds.RemoveWhere(id => !Ledger.TryGetReservation(id, out _));
        foreach (var hold in due)
        {
            try
            {
                if (await GrainFactory.GetGrain<IOrderGrain>(hold.OrderRef).HoldsReservationAsync(hold.Id))
                {
                    _ownedHolds.Add(hold.Id);
                    continue;
                }

                if (!Ledger.TryGetReservation(hold.Id, out _))
                {
                    continue; // ended while the order was asked
                }

                // Raised first, released after: the queue collapses a repeat by trace key, so a crash in between repeats a no-op.
                await GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).RaiseAsync(new ExceptionReport(
                    ExceptionCategory.InsufficientStock,
                    $"OrphanHold/{Position}/{hold.Id}",
                    $"{hold.Quantity} unit(s) of {Position.Sku} at {Position.LocationId} were held for order {hold.OrderRef} ({hold.ChannelId}) " +
                    $"since {hold.ReservedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "before the last restart"}, " +
                    $"but the order does not count them as allocated (its placement was interrupted). The hold {hold.Id} is released so the units " +
                    $"can be sold again; check that order {hold.OrderRef} is sourced or backordered as expected.",
                    null, [hold.RequestId], Channel: hold.ChannelId));
                await ReleaseAsync($"audit|{hold.Id}", hold.Id, $"order {hold.OrderRef} does not hold it");
                _logger.LogWarning("Released hold {ReservationId} of {Position}: order {OrderRef} does not know it", hold.Id, Position, hold.OrderRef);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Auditing hold {ReservationId} of {Position} for order {OrderRef} failed; tried again next round", hold.Id, Position, hold.OrderRef);
            }
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
