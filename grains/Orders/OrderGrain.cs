using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Reconciliation;
using Parity.GrainInterfaces.Settlements;
using Parity.Grains.Items;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Grains.Telemetry;
using Parity.Providers.Journal;

namespace Parity.Grains.Orders;

/// <summary>
/// One canonical order (key <c>{channel}:{channelOrderId}</c>). Guarantees:
/// <list type="bullet">
/// <item>every event is judged against the whitelisted lifecycle before anything moves; a refused event changes
/// nothing, an accepted one is journaled with its lineage (correlation, causation, source system and event id);</item>
/// <item>an event id is applied at most once: a retry returns the recorded outcome, and the position calls it makes
/// use deterministic ids, so a retry after a crash moves no stock twice;</item>
/// <item>an event whose prerequisite is missing is parked, applied (with its own lineage, caused by the event that
/// unblocked it) as soon as the prerequisite arrives, and raised as OutOfSequence once it outlives
/// <see cref="OrderOptions.ParkingWindow"/>;</item>
/// <item>a preempted reservation is re-sourced, else backordered and raised as InsufficientStock;</item>
/// <item>shipments, returns and refunds become business facts in a journaled outbox, handed to
/// <see cref="IPostingIntakeGrain"/> after they are durable and retried (timer, then reminder) until posting takes
/// them — a silo without a posting grain keeps them queued, never loses them and never fails the order;</item>
/// <item>the placement is counted once in its channel's reconciliation figures (upsert by order id): handed over after
/// <see cref="OrderPlaced"/> is durable and before the placement is answered, retried like facts when that fails.</item>
/// </list>
/// </summary>
[GrainType("order")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
[JournalAppendsAtConfirm]
public sealed partial class OrderGrain : JournaledGrain<OrderState, OrderEvent>, IOrderGrain, IReservationOwner, IRemindable
{
    /// <summary>Name of the order's one reminder (parked events and posting retries).</summary>
    public const string ReminderName = "order";

    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);

    private readonly OrderOptions _options;
    private readonly ItemCostOptions _costs;
    private readonly TimeProvider _clock;
    private readonly ILogger<OrderGrain> _logger;
    private readonly ParityMetrics _metrics;
    private EventSource? _source;
    private IGrainTimer? _timer;
    private bool _reminderRegistered;
    private DateTimeOffset _nextFactAttempt;
    private DateTimeOffset _nextCaptureAttempt;
    private DateTimeOffset _nextPlacementAttempt;

    // Set once the stored journal is replayed: from then on an overflow is a refusal, not a stored problem.
    private bool _activated;

    // The figures took the placement in this activation; PlacementCounted is journaled with the next events.
    private bool _placementCounted;

    /// <summary>Creates the grain with the silo's order options and the items' unit costs (defaults when none are configured).</summary>
    public OrderGrain(TimeProvider clock, ILogger<OrderGrain> logger, ParityMetrics metrics, IOptions<OrderOptions>? options = null, IOptions<ItemCostOptions>? costs = null)
    {
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _options = options?.Value ?? new OrderOptions();
        _costs = costs?.Value ?? new ItemCostOptions();
    }

    private string Key => this.GetPrimaryKeyString();

    private PlaceOrder Order => TentativeState.Order!;

    private string Channel => TentativeState.Order?.Channel ?? OrderId.Parse(Key).Channel;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _activated = true;
        if (TentativeState.Problems.Count > 0)
        {
            await RaisePoisonedAsync();
        }

        if (HasPendingWork)
        {
            // A reminder is registered whenever work is pending, so it survives; only the timer must be restarted.
            _reminderRegistered = true;
            EnsureTimer();
        }
    }

    /// <inheritdoc />
    public async Task<OrderOutcome> PlaceAsync(PlaceOrder order)
    {
        ValidatePlacement(order);
        var fingerprint = OrderFingerprint.Of(order);
        if (Recorded(order.EventId, fingerprint) is { } recorded)
        {
            if (PlacementUncounted)
            {
                // The first attempt's answer may have been lost before the figures took the placement.
                await AfterTurnAsync();
            }

            await ConfirmEvents();
            return recorded;
        }

        if (TentativeState.Order is not null)
        {
            throw new OrderTransitionException(
                $"Order {Key} was already placed (event '{TentativeState.Order.EventId}'); a second placement '{order.EventId}' is refused.");
        }

        _source = new EventSource(ParityRequestContext.SourceSystem, order.EventId, ParityRequestContext.CausationId ?? order.EventId);
        Raise(new OrderPlaced(order));
        var outcome = Record(order.EventId, EventDisposition.Applied, null, fingerprint);
        await ApplyParkedAsync(order.EventId);
        await AfterTurnAsync();
        _metrics.OrderEvent(outcome.Disposition);
        return outcome;
    }

    /// <inheritdoc />
    public async Task<OrderOutcome> ApplyAsync(OrderCommand command)
    {
        ValidateCommand(command);
        var fingerprint = OrderFingerprint.Of(command);
        if (Recorded(command.EventId, fingerprint) is { } recorded)
        {
            await ConfirmEvents();
            return recorded;
        }

        // The caller's request is the cause (the gateway names it); a caller that names none sent the command itself.
        _source = new EventSource(ParityRequestContext.SourceSystem, command.EventId, ParityRequestContext.CausationId ?? command.EventId);
        var parkReason = await TryApplyAsync(command);
        OrderOutcome outcome;
        if (parkReason is not null && TentativeState.Parked.Count >= _options.MaxParkedEvents)
        {
            await RaiseExceptionAsync(ExceptionCategory.OutOfSequence, $"ParkingFull/{Key}",
                $"Order {Key} already holds {TentativeState.Parked.Count} events waiting for their prerequisite ({_options.MaxParkedEvents} at most); "
                + $"further events are refused until the order arrives. The first refused: {command.Type} '{command.EventId}' ({parkReason}).",
                ParityRequestContext.CorrelationId, [command.EventId]);
            throw new OrderValidationException(
                $"Order {Key} already holds {_options.MaxParkedEvents} events waiting for their prerequisite ({parkReason}); send this event again once the order has arrived.");
        }

        if (parkReason is not null)
        {
            Raise(new EventParked(command, _clock.GetUtcNow(), parkReason, ParityRequestContext.CorrelationId, ParityRequestContext.SourceSystem));
            outcome = Record(command.EventId, EventDisposition.Parked, parkReason, fingerprint);
        }
        else
        {
            outcome = Record(command.EventId, EventDisposition.Applied, DetailOf(command), fingerprint);
            await ApplyParkedAsync(command.EventId);
        }

        await AfterTurnAsync();
        _metrics.OrderEvent(outcome.Disposition);
        return outcome;
    }

    /// <inheritdoc />
    public Task<OrderView?> GetAsync()
    {
        if (TentativeState.Order is null && TentativeState.Parked.Count == 0)
        {
            return Task.FromResult<OrderView?>(null);
        }

        var lines = TentativeState.Lines.Select(l => new OrderLineView(
            l.LineId, l.Sku, l.Quantity, l.Allocated, TentativeState.Sourced ? Math.Max(0, l.Unallocated) : 0, l.Shipped, l.Delivered, l.Returned, l.Cancelled,
            l.Allocations.Select(a => new AllocationView(a.LocationId, a.Quantity, a.ReservationId, a.RuleVersion, a.Status.ToString())).ToList()))
            .ToList();
        return Task.FromResult<OrderView?>(new OrderView(
            Key, Channel, TentativeState.Status, TentativeState.Order?.Currency, TentativeState.Order?.PlacedAt, lines, TentativeState.Authorized, TentativeState.Captured, TentativeState.Refunded,
            TentativeState.Parked.Select(p => p.Command.EventId).ToList(), TentativeState.Order?.ExchangeOf, TentativeState.Exchanges.ToList(), Version,
            TentativeState.IsPartiallyRefunded, TentativeState.ExchangeCredit, TentativeState.ExchangeCreditGiven,
            TentativeState.Problems.Count == 0 ? null : TentativeState.Problems.ToList()));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrderHistoryEntry>> GetHistoryAsync()
    {
        // Orleans' RetrieveConfirmedEvents carries no lineage; the journal itself does.
        var journal = ServiceProvider.GetRequiredKeyedService<IJournalStorage>(ParityJournal.ProviderName);
        var entries = await journal.ReadAsync(this.GetGrainId(), 0, Version);
        return entries.Select(e => new OrderHistoryEntry(
            e.Sequence, e.EventType, e.Metadata.Timestamp, e.Metadata.CorrelationId, e.Metadata.CausationId,
            e.Metadata.SourceSystem, e.Metadata.SourceEventId, JsonDocument.Parse(e.Payload).RootElement.Clone()))
            .ToList();
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            await this.UnregisterReminderAsync(reminderName);
            return;
        }

        await OnTickAsync(CancellationToken.None);
    }

    /// <inheritdoc />
    protected override void TransitionState(OrderState state, OrderEvent @event)
    {
        try
        {
            state.Apply(@event);
        }
        catch (OverflowException) when (!_activated)
        {
            // Replaying a journal written before the money bounds: an event whose amounts overflow the figures would fail
            // every activation (every read 503, for good). It is left out of the figures and named instead. Once active,
            // an overflow throws as before: a new event is refused, never journaled.
            var eventId = @event.GetType().GetProperty(nameof(OrderCommand.EventId))?.GetValue(@event) as string;
            state.Problems.Add($"Event '{eventId ?? "?"}' ({@event.GetType().Name}) holds amounts beyond the money bounds; adding it overflows the order's figures, "
                + "so they leave it out (authorized, captured and refunded may be short). Correct the order with finance.");
        }
    }

    private bool HasPendingWork =>
        TentativeState.Parked.Any(p => !TentativeState.Escalated.Contains(p.Command.EventId)) || TentativeState.PendingFacts.Count > 0
        || TentativeState.PendingCaptures.Count > 0 || PlacementUncounted;

    private bool PlacementUncounted => TentativeState.Order is not null && !TentativeState.IsPlacementCounted && !_placementCounted;

    private void Raise(OrderEvent @event)
    {
        using (_source?.Scope())
        {
            RaiseEvent(@event);
        }
    }

    private OrderOutcome Record(string eventId, EventDisposition disposition, string? detail, string? fingerprint = null)
    {
        var outcome = new OrderOutcome(Key, eventId, disposition, TentativeState.Status, detail);
        Raise(new OutcomeRecorded(outcome, fingerprint));
        return outcome;
    }

    // The outcome recorded for the event id, or null when it is new; the same id with other content is refused
    // (outcomes recorded before fingerprints were kept answer any retry, as they always did).
    private OrderOutcome? Recorded(string eventId, string fingerprint)
    {
        if (!TentativeState.Outcomes.TryGetValue(eventId, out var recorded))
        {
            return null;
        }

        if (TentativeState.Fingerprints.TryGetValue(eventId, out var first) && first != fingerprint)
        {
            throw new IdReusedException($"order {Key}", "Event id", eventId, OrderFingerprint.WordsOf(first), OrderFingerprint.WordsOf(fingerprint));
        }

        return recorded;
    }

    private string? DetailOf(OrderCommand command) =>
        command.Type == OrderEventType.Exchanged && TentativeState.Exchanges.Count > 0 ? TentativeState.Exchanges[^1] : null;

    // Applies parked events whose prerequisite has arrived, each with its own lineage and caused by the event
    // that unblocked it; repeats, since one applied event may unblock another (payment → shipment → delivery).
    private async Task ApplyParkedAsync(string trigger)
    {
        var progress = true;
        while (progress)
        {
            progress = false;
            foreach (var parked in TentativeState.Parked.ToArray())
            {
                var outer = ParityRequestContext.CorrelationId;
                ParityRequestContext.CorrelationId = parked.CorrelationId;
                _source = new EventSource(parked.SourceSystem, parked.Command.EventId, trigger);
                try
                {
                    if (await TryApplyAsync(parked.Command) is null)
                    {
                        Record(parked.Command.EventId, EventDisposition.Applied, DetailOf(parked.Command));
                        progress = true;
                    }
                }
                catch (OrderException e)
                {
                    // The prerequisite came, but the lifecycle now refuses the event: nobody is waiting for an answer,
                    // so an operator must look at it.
                    Record(parked.Command.EventId, EventDisposition.Rejected, e.Message);
                    await RaiseExceptionAsync(ExceptionCategory.OutOfSequence, $"OutOfSequence/{Key}/{parked.Command.EventId}",
                        $"{parked.Command.Type} event '{parked.Command.EventId}' of order {Key} waited for its prerequisite and was then refused: {e.Message}",
                        parked.CorrelationId, [parked.Command.EventId]);
                    progress = true;
                }
                finally
                {
                    ParityRequestContext.CorrelationId = outer;
                }
            }
        }
    }

    private async Task AfterTurnAsync()
    {
        NotePlacementCounted(onlyWithOtherEvents: true);
        if (PlacementUncounted)
        {
            // Only a durable placement is counted: a failed append must not leave a count behind.
            await ConfirmEvents();
            await DeliverPlacementAsync();
        }

        if (_options.PostFacts && TentativeState.PendingFacts.Count > 0)
        {
            await ConfirmEvents();
            await DeliverFactsAsync();
        }

        if (TentativeState.PendingCaptures.Count > 0)
        {
            await ConfirmEvents();
            await DeliverCapturesAsync();
        }

        await SyncScheduleAsync();

        // The caller is answered once everything the call raised is durable.
        await ConfirmEvents();
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        foreach (var parked in TentativeState.Parked.ToArray())
        {
            if (TentativeState.Escalated.Contains(parked.Command.EventId) || now - parked.ParkedAt < _options.ParkingWindow)
            {
                continue;
            }

            // Raised first, journaled after: the queue collapses a repeat by source event id, so a crash in between
            // only repeats a no-op.
            await RaiseExceptionAsync(ExceptionCategory.OutOfSequence, $"OutOfSequence/{Key}/{parked.Command.EventId}",
                $"{parked.Command.Type} event '{parked.Command.EventId}' of order {Key} has waited more than {_options.ParkingWindow} for its prerequisite: {parked.Reason}",
                parked.CorrelationId, [parked.Command.EventId]);
            using (new EventSource("parity", parked.Command.EventId, parked.Command.EventId).Scope())
            {
                RaiseEvent(new ParkedEventEscalated(parked.Command.EventId));
            }
        }

        if (_options.PostFacts && TentativeState.PendingFacts.Count > 0 && now >= _nextFactAttempt)
        {
            await DeliverFactsAsync();
        }

        if (TentativeState.PendingCaptures.Count > 0 && now >= _nextCaptureAttempt)
        {
            await DeliverCapturesAsync();
        }

        if (PlacementUncounted && now >= _nextPlacementAttempt)
        {
            await DeliverPlacementAsync();
        }

        NotePlacementCounted(onlyWithOtherEvents: false);
        await ConfirmEvents();
        await SyncScheduleAsync();
    }

    private async Task DeliverFactsAsync()
    {
        foreach (var fact in TentativeState.PendingFacts.ToArray())
        {
            try
            {
                var receipt = await GrainFactory.GetGrain<IPostingIntakeGrain>(fact.LegalEntity).SubmitAsync(fact);
                // Caused by the event that queued the fact (a timer or another request may be the one handing it over).
                var cause = fact.Lineage.SourceEventIds is [var queuedBy] ? queuedBy : fact.FactId;
                using (new EventSource("parity", fact.FactId, cause).Scope())
                {
                    RaiseEvent(new FactSubmitted(fact.FactId, receipt.JournalKey));
                }
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Posting did not take fact {FactId} of order {OrderId}; retrying in {Delay}", fact.FactId, Key, _options.PostingRetryPeriod);
                _nextFactAttempt = _clock.GetUtcNow() + _options.PostingRetryPeriod;
                return;
            }
        }
    }

    private async Task DeliverCapturesAsync()
    {
        foreach (var capture in TentativeState.PendingCaptures.ToArray())
        {
            try
            {
                // Idempotent by reference at the receivables, so a retry after a lost answer records nothing twice.
                await GrainFactory.GetGrain<IReceivablesGrain>(capture.Provider)
                    .RecordCaptureAsync(capture.Provider, capture.Reference, Key, capture.Amount, capture.Currency, capture.CapturedAt);
            }
            catch (ArgumentException e)
            {
                // Refused for good (e.g. an invalid currency): retrying cannot help; settlement matching will raise it.
                _logger.LogError(e, "Receivables of {Provider} refused capture {Reference} of order {OrderId}", capture.Provider, capture.Reference, Key);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Receivables of {Provider} did not take capture {Reference} of order {OrderId}; retrying in {Delay}",
                    capture.Provider, capture.Reference, Key, _options.PostingRetryPeriod);
                _nextCaptureAttempt = _clock.GetUtcNow() + _options.PostingRetryPeriod;
                return;
            }

            using (new EventSource("parity", capture.Reference, capture.EventId ?? capture.Reference).Scope())
            {
                RaiseEvent(new CaptureHandedOff(capture.Reference));
            }
        }
    }

    private async Task DeliverPlacementAsync()
    {
        try
        {
            // Counted on the day the customer placed it, the day finance asks about; the order id is the observation
            // id, so a retry, a replay or a new activation offering it again counts nothing twice.
            var day = DateOnly.FromDateTime(Order.PlacedAt.UtcDateTime);
            await GrainFactory.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For(Channel, day))
                .ObserveAsync(new FigureObservation(Key, FigureKind.OrderPlaced));
            _placementCounted = true;
        }
        catch (Exception e)
        {
            // The figures are not the order's business: the order stands, the count is retried (timer, then reminder).
            _logger.LogWarning(e, "The reconciliation figures did not take the placement of order {OrderId}; retrying in {Delay}", Key, _options.PostingRetryPeriod);
            _nextPlacementAttempt = _clock.GetUtcNow() + _options.PostingRetryPeriod;
        }
    }

    // The stored journal holds events the figures cannot add up (see TransitionState): the exception console names the
    // order once (a repeat of the trace key is collapsed), and reads keep answering with the problems listed.
    private async Task RaisePoisonedAsync()
    {
        try
        {
            await RaiseExceptionAsync(ExceptionCategory.UnbalancedJournal, $"Poisoned/order/{Key}",
                $"Order {Key}'s stored journal cannot be added up: {string.Join(" ", TentativeState.Problems)}", null, [Key]);
        }
        catch (Exception e)
        {
            // The order still answers; the next activation tries again.
            _logger.LogError(e, "Order {OrderId} has stored events beyond the money bounds and the exception console did not take the report: {Problems}",
                Key, string.Join(" ", TentativeState.Problems));
        }
    }

    // Journals that the figures took the placement without a write of its own: it rides with the events a later turn
    // raises anyway (or a timer tick, which no caller waits for). If the activation ends first, the next one offers
    // the placement again, a no-op for the figures.
    private void NotePlacementCounted(bool onlyWithOtherEvents)
    {
        if (_placementCounted && !TentativeState.IsPlacementCounted && (!onlyWithOtherEvents || UnconfirmedEvents.Any()))
        {
            using (new EventSource("parity", $"{Key}/placement-counted", Order.EventId).Scope())
            {
                RaiseEvent(new PlacementCounted());
            }
        }
    }

    private async Task SyncScheduleAsync()
    {
        if (HasPendingWork)
        {
            EnsureTimer();
            if (!_reminderRegistered)
            {
                // Before the caller hears of a parked event or queued fact, a durable wake-up must exist.
                await this.RegisterReminderAsync(ReminderName, Min(_options.ParkingWindow, ReminderPeriod), ReminderPeriod);
                _reminderRegistered = true;
            }

            return;
        }

        _timer?.Dispose();
        _timer = null;
        if (_reminderRegistered)
        {
            await this.UnregisterReminderAsync(ReminderName);
            _reminderRegistered = false;
        }
    }

    private void EnsureTimer()
    {
        if (_timer is null)
        {
            var period = Min(Min(_options.ParkingWindow, _options.PostingRetryPeriod) / 4, TimeSpan.FromSeconds(30));
            period = period < TimeSpan.FromMilliseconds(20) ? TimeSpan.FromMilliseconds(20) : period;
            _timer = this.RegisterGrainTimer(OnTickAsync, period, period);
        }
    }

    // The channel is the order's unless named: a notice for a ref that is no order carries its own.
    private async Task RaiseExceptionAsync(ExceptionCategory category, string traceKey, string message, string? correlationId,
        IReadOnlyList<string> sourceEventIds, string? channel = null, string? transactionType = null) =>
        await GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey)
            .RaiseAsync(new ExceptionReport(category, traceKey, message, correlationId, sourceEventIds, Channel: channel ?? Channel, TransactionType: transactionType));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
