using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Reconciliation;
using Parity.GrainInterfaces.StoreDays;
using Parity.Grains.Items;
using Parity.Grains.Posting;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Providers.Journal;

namespace Parity.Grains.StoreDays;

/// <summary>
/// One store's business day. Guarantees:
/// <list type="bullet">
/// <item>a batch is answered only once it is durable, and a re-sent batch (same id, same content) gets its original
/// answer and changes nothing; a ticket id is counted once per day, whatever batch carries it (a re-sent ticket
/// with other content is answered as a conflict and changes nothing either);</item>
/// <item>every recorded sale or return line reaches its inventory position as a fact (store sale or store return,
/// never refused), under an event id derived from store day, ticket and line, so retries move nothing twice; gift-card
/// lines move no stock;</item>
/// <item>a ticket's COGS is costed once, at the unit costs in force when its batch is recorded (journaled with the
/// batch), so per-ticket facts, the summary and adjustments agree however the configuration changes later;</item>
/// <item>facts for posting are queued in the journaled state together with the change that caused them and handed to
/// <see cref="IPostingIntakeGrain"/> afterwards; a failed hand-off never fails the batch and is retried by a durable
/// reminder (registered before the first attempt) until accepted;</item>
/// <item>after close, tickets become adjustments; the summary fact is never edited.</item>
/// </list>
/// </summary>
[GrainType("store-day")]
[LogConsistencyProvider(ProviderName = ParityJournal.ProviderName)]
public sealed class StoreDayGrain : JournaledGrain<StoreDayState, StoreDayEvent>, IStoreDayGrain, IRemindable
{
    /// <summary>Name of the day's one reminder (retries of pending inventory lines and hand-offs).</summary>
    public const string ReminderName = "store-day-retry";

    private readonly StoreDayOptions _options;
    private readonly ItemCostOptions _costs;
    private readonly PostingRuleBook _rules;
    private readonly TimeProvider _clock;
    private readonly ILogger<StoreDayGrain> _logger;
    private StoreDayKey? _day;
    private bool _reminderRegistered;

    /// <summary>Creates the grain with the silo's store-day options, the items' unit costs (none when not configured) and
    /// the posting rules the day's tax codes must be mapped by (the defaults when none are registered).</summary>
    public StoreDayGrain(
        IOptions<StoreDayOptions> options, TimeProvider clock, ILogger<StoreDayGrain> logger, IOptions<ItemCostOptions>? costs = null, PostingRuleBook? rules = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _logger = logger;
        _costs = costs?.Value ?? new ItemCostOptions();
        _rules = rules ?? new PostingRuleBook(PostingRulesOptions.CreateDefault());
    }

    // Set once the stored journal is replayed: from then on an overflow is a refusal, not a stored problem.
    private bool _activated;

    private StoreDayKey Day => _day ??= StoreDayKey.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        _activated = true;
        if (TentativeState.Problems.Count > 0)
        {
            await RaisePoisonedAsync();
        }

        // A reminder may exist from an earlier activation; assume so, so that an empty day removes it.
        _reminderRegistered = HasPendingWork;
    }

    /// <inheritdoc />
    public async Task<PosBatchOutcome> SubmitBatchAsync(PosBatch batch)
    {
        Validate(batch);
        var fingerprint = Fingerprint(batch);
        if (TentativeState.Batches.TryGetValue(batch.BatchId, out var recorded))
        {
            if (recorded.Fingerprint != fingerprint)
            {
                throw BatchIdReused(batch, recorded);
            }

            await CountTicketsAsync(recorded.Outcome);
            return recorded.Outcome;
        }

        // Checked before anything is raised: a refused batch leaves no tentative event behind.
        var taxCode = CheckTaxCodes(batch);
        var settings = EnsureOpened();
        var late = TentativeState.Status == StoreDayStatus.Closed;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var fresh = new List<PosTicket>();
        var outcomes = new List<PosTicketOutcome>(batch.Tickets.Count);
        foreach (var ticket in batch.Tickets)
        {
            if (TentativeState.Tickets.TryGetValue(ticket.TicketId, out var recordedTicket))
            {
                var same = recordedTicket == StoreDayState.Fingerprint(ticket);
                if (!same)
                {
                    _logger.LogWarning("Ticket {TicketId} of {StoreDay} was re-sent with other content; the first version stands", ticket.TicketId, Day);
                }

                outcomes.Add(new PosTicketOutcome(ticket.TicketId, same ? PosTicketStatus.Duplicate : PosTicketStatus.Conflict));
                continue;
            }

            if (!seen.Add(ticket.TicketId))
            {
                outcomes.Add(new PosTicketOutcome(ticket.TicketId, PosTicketStatus.Duplicate));
                continue;
            }

            fresh.Add(ticket);
            outcomes.Add(new PosTicketOutcome(ticket.TicketId, late ? PosTicketStatus.RecordedLate : PosTicketStatus.Recorded));
        }

        await CheckOrderReturnsAsync(fresh);
        var unitCosts = _costs.CostsOf(fresh.SelectMany(t => t.Lines).Where(l => l.Type != PosLineType.GiftCard).Select(l => l.Sku));
        var adjustment = late && fresh.Count > 0
            ? StoreDayPosting.Adjustment(Day, settings, batch.BatchId, fresh, unitCosts, _clock.GetUtcNow(), CorrelationId(batch.BatchId), taxCode)
            : null;
        var outcome = new PosBatchOutcome(batch.BatchId, Day.ToString(), outcomes, adjustment?.FactId);
        var source = new EventSource(StoreDayPosting.SourceSystem, batch.BatchId);
        using (source.Scope())
        {
            RaiseEvent(new PosBatchRecorded(batch.BatchId, fingerprint, fresh, late, outcome, unitCosts, taxCode));
        }

        if (adjustment is not null)
        {
            using (source.Scope())
            {
                RaiseEvent(new PostingQueued(adjustment));
            }
        }

        else if (settings.Posting == PostingGranularity.PerTicket)
        {
            foreach (var ticket in fresh)
            {
                using (source.Scope())
                {
                    RaiseEvent(new PostingQueued(StoreDayPosting.Ticket(Day, settings, ticket, unitCosts, batch.BatchId, CorrelationId(batch.BatchId), taxCode)));
                }
            }
        }

        await ConfirmEvents();
        await DrainAsync();
        await CountTicketsAsync(outcome);
        return outcome;
    }

    // The POS channel's reconciliation figures count the day's tickets (the store-sale exception rate's denominator):
    // one upsert per batch, after the batch is durable and before it is answered, so nothing answered goes uncounted;
    // if it fails the caller retries the batch, which counts again under the same id.
    private Task CountTicketsAsync(PosBatchOutcome outcome)
    {
        var tickets = outcome.Tickets.Count(t => t.Status is PosTicketStatus.Recorded or PosTicketStatus.RecordedLate);
        return tickets == 0
            ? Task.CompletedTask
            : GrainFactory.GetGrain<IReconciliationFiguresGrain>(ReconciliationFigureKeys.For(StoreDayPosting.Channel, Day.BusinessDate))
                .ObserveAsync(new FigureObservation($"{Day}/{outcome.BatchId}", FigureKind.StoreTicketsRecorded, Count: tickets));
    }

    /// <inheritdoc />
    public async Task<StoreDayView> CloseAsync()
    {
        if (TentativeState.Status == StoreDayStatus.Closed)
        {
            return await ViewAsync();
        }

        var settings = EnsureOpened();
        var closedAt = _clock.GetUtcNow();
        var source = new EventSource(StoreDayPosting.SourceSystem, $"close:{Day}");
        using (source.Scope())
        {
            RaiseEvent(new StoreDayClosed(closedAt));
        }

        if (settings.Posting == PostingGranularity.Summary && TentativeState.Totals.Tickets > 0)
        {
            using (source.Scope())
            {
                RaiseEvent(new PostingQueued(StoreDayPosting.Summary(Day, settings, TentativeState.Totals, TentativeState.OnTimeBatchIds, closedAt, CorrelationId($"close:{Day}"))));
            }
        }

        await ConfirmEvents();
        await DrainAsync();
        return await ViewAsync();
    }

    /// <inheritdoc />
    public Task<StoreDayView> GetAsync() => ViewAsync();

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            await this.UnregisterReminderAsync(reminderName);
            return;
        }

        // The reminder is known to exist now; the drain removes it once nothing is pending.
        _reminderRegistered = true;
        RequestContext.Clear();
        await DrainAsync();
    }

    /// <inheritdoc />
    protected override void TransitionState(StoreDayState state, StoreDayEvent @event)
    {
        try
        {
            state.Apply(@event);
        }
        catch (OverflowException) when (!_activated)
        {
            // Replaying a journal written before the money bounds: a batch whose amounts overflow the totals would fail
            // every activation (every read of the day 503, for good). The totals leave the rest of it out and reads name
            // it. Once active, an overflow throws as before: a new batch is refused, never journaled.
            var batch = @event is PosBatchRecorded recorded ? $"Batch '{recorded.BatchId}'" : $"A {@event.GetType().Name} event";
            state.Problems.Add($"{batch} holds amounts beyond the money bounds; adding it overflows the day's totals, so they leave it out "
                + "(from its first ticket that overflows). Correct the day with finance and the store team.");
        }
    }

    // The stored journal holds batches the totals cannot add up: the exception console names the store day once (a
    // repeat of the trace key is collapsed), and reads keep answering with the problems listed.
    private async Task RaisePoisonedAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).RaiseAsync(new ExceptionReport(
                ExceptionCategory.UnbalancedJournal, $"Poisoned/store-day/{Day}",
                $"Store day {Day}'s stored journal cannot be added up: {string.Join(" ", TentativeState.Problems)}", null, [Day.ToString()],
                Channel: StoreDayPosting.Channel));
        }
        catch (Exception e)
        {
            // The day still answers; the next activation tries again.
            _logger.LogError(e, "Store day {StoreDay} has stored batches beyond the money bounds and the exception console did not take the report: {Problems}",
                Day, string.Join(" ", TentativeState.Problems));
        }
    }

    private bool HasPendingWork => TentativeState.PendingLines.Count > 0 || TentativeState.PendingFacts.Count > 0;

    private static void Validate(PosBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (string.IsNullOrWhiteSpace(batch.BatchId) || batch.Tickets is null || batch.Tickets.Count == 0)
        {
            throw new InvalidPosBatchException("A POS batch needs a batch id and at least one ticket.");
        }

        foreach (var ticket in batch.Tickets)
        {
            if (string.IsNullOrWhiteSpace(ticket.TicketId) || ticket.Lines is null || ticket.Tenders is null)
            {
                throw new InvalidPosBatchException("Every ticket needs an id, lines and tenders.");
            }

            if (ticket.Lines.Any(l => l is null || !Enum.IsDefined(l.Type) || l.Quantity <= 0 || l.UnitPrice < 0 || l.Tax < 0
                    || (l.Type != PosLineType.GiftCard && string.IsNullOrWhiteSpace(l.Sku)))
                || ticket.Tenders.Any(t => t is null || string.IsNullOrWhiteSpace(t.Method)))
            {
                throw new InvalidPosBatchException($"Ticket '{ticket.TicketId}' has a line of unknown type, without SKU, with a quantity below 1 or a negative price or tax, or a tender without method.");
            }

            // A gift card is a liability for the money loaded on it: nothing loaded is no sale, and a SKU would suggest
            // stock that does not move.
            if (ticket.Lines.Any(l => l.Type == PosLineType.GiftCard && (l.Amount <= 0 || !string.IsNullOrEmpty(l.Sku))))
            {
                throw new InvalidPosBatchException($"Ticket '{ticket.TicketId}' has a gift-card line with an amount of zero or less, or with a SKU; a gift card is sold for a positive amount and moves no stock.");
            }

            // Only a return names the order its units were bought on, and then with the order's line.
            if (ticket.Lines.Any(l => (l.OriginalOrderId is not null || l.OriginalLineId is not null)
                && (l.Type != PosLineType.Return || string.IsNullOrWhiteSpace(l.OriginalOrderId) || string.IsNullOrWhiteSpace(l.OriginalLineId) || !IsOrderId(l.OriginalOrderId))))
            {
                throw new InvalidPosBatchException($"Ticket '{ticket.TicketId}' names an original order on a line that is not a return, or an order without its line (or a line without its order), or an order id not of the form channel:channelOrderId; only a return line names the order and line it returns.");
            }

            if (!ticket.IsBalanced)
            {
                throw new InvalidPosBatchException(
                    $"Ticket '{ticket.TicketId}' does not balance: revenue {ticket.NetRevenue} + tax {ticket.NetTax} ≠ tenders {ticket.TenderTotal}.");
            }
        }
    }

    private static bool IsOrderId(string orderId)
    {
        try
        {
            OrderId.Parse(orderId);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    // Bought online, returned in store: before anything is recorded, every return line naming an order is checked with
    // that order, so a wrong reference is refused at upload and the store corrects it while the customer's receipt is at
    // hand. Lines of one order line add up, with this day's returns the order has not taken yet. The order records the
    // return only later (see RecordOrderReturnsAsync).
    private async Task CheckOrderReturnsAsync(IReadOnlyList<PosTicket> tickets)
    {
        var asked = TentativeState.PendingLines.Where(l => l.OriginalOrderId is not null)
            .GroupBy(l => (Order: l.OriginalOrderId!, Line: l.OriginalLineId!))
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        foreach (var ticket in tickets)
        {
            for (var i = 0; i < ticket.Lines.Count; i++)
            {
                var line = ticket.Lines[i];
                if (line.Type != PosLineType.Return || line.OriginalOrderId is null)
                {
                    continue;
                }

                var key = (line.OriginalOrderId, line.OriginalLineId!);
                var units = asked.GetValueOrDefault(key) + line.Quantity;
                asked[key] = units;
                var check = new StoreReturn(StoreDayState.LineEventId(Day.ToString(), ticket.TicketId, i), Day.Store, ticket.TicketId, line.OriginalLineId!,
                    line.Sku, units, line.Restock ? ReturnDisposition.Restock : ReturnDisposition.NotRestocked, ticket.OccurredAt);
                if (await GrainFactory.GetGrain<IOrderGrain>(line.OriginalOrderId).CheckStoreReturnAsync(check) is { } problem)
                {
                    throw new PosReturnRefusedException(ticket.TicketId, i, problem.Field, problem.Message);
                }
            }
        }
    }

    // Names what differs: the tickets first recorded under the batch id against those sent, and each ticket sent again
    // with other content than the store day holds for it.
    private IdReusedException BatchIdReused(PosBatch batch, RecordedPosBatch recorded)
    {
        var changed = batch.Tickets.Where(t => TentativeState.Tickets.TryGetValue(t.TicketId, out var held) && held != StoreDayState.Fingerprint(t))
            .Select(t => t.TicketId).ToList();
        var sent = $"a batch of tickets {string.Join(", ", batch.Tickets.Select(t => t.TicketId))}"
            + (changed.Count > 0 ? $", with other lines or tenders for {string.Join(", ", changed)}" : ", with other content");
        return new IdReusedException($"store day {Day}", "Batch id", batch.BatchId,
            $"a batch of tickets {string.Join(", ", recorded.Outcome.Tickets.Select(t => t.TicketId))}", sent);
    }

    private static string Fingerprint(PosBatch batch) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(batch, ParityJournal.DefaultJsonOptions)));

    private static string CorrelationId(string fallback) => ParityRequestContext.CorrelationId ?? fallback;

    private StoreDaySettings EnsureOpened()
    {
        if (TentativeState.Settings is { } settings)
        {
            return settings;
        }

        settings = _options.For(Day.Store);
        using (new EventSource(StoreDayPosting.SourceSystem, $"open:{Day}").Scope())
        {
            RaiseEvent(new StoreDayOpened(settings));
        }

        return settings;
    }

    // A fact posting accepted may still be held there (no journal could be built): it is shown as held, with its
    // exception, until finance releases it — asked of posting each time, so a release shows without a store-day event.
    private async Task<StoreDayView> ViewAsync()
    {
        var settings = TentativeState.Settings ?? _options.For(Day.Store);
        var handedOff = TentativeState.PostedFacts.ToList();
        var held = new List<StoreDayHeldPosting>();
        if (handedOff.Count > 0)
        {
            var ours = handedOff.ToHashSet(StringComparer.Ordinal);
            held = (await GrainFactory.GetGrain<IPostingIntakeGrain>(settings.LegalEntity).GetHeldAsync())
                .Where(h => ours.Contains(h.Fact.FactId))
                .Select(h => new StoreDayHeldPosting(h.Fact.FactId, h.Category, h.ExceptionId, h.Reason))
                .OrderBy(h => handedOff.IndexOf(h.FactId))
                .ToList();
        }

        var heldIds = held.Select(h => h.FactId).ToHashSet(StringComparer.Ordinal);
        return new StoreDayView(
            Day.Store, Day.BusinessDate, TentativeState.Status, settings.Posting, settings.LegalEntity, settings.Currency,
            TentativeState.Batches.Count, TentativeState.Totals, TentativeState.LateTotals, TentativeState.ClosedAt, TentativeState.PendingLines.Count,
            TentativeState.PendingFacts.Select(f => f.FactId).ToList(), handedOff.Where(f => !heldIds.Contains(f)).ToList(), held,
            TentativeState.Problems.Count == 0 ? null : TentativeState.Problems.ToList());
    }

    // Every tax code the batch's new lines post under (theirs, else the store's default) must be mapped by the posting
    // rules for the fact the lines will post in; otherwise the day's journal could only be held, so the batch is refused
    // naming the line. Returns the default tax code the batch records.
    private string? CheckTaxCodes(PosBatch batch)
    {
        var settings = TentativeState.Settings ?? _options.For(Day.Store);
        var taxCode = settings.TaxCode ?? _options.For(Day.Store).TaxCode;
        var kind = TentativeState.Status == StoreDayStatus.Closed ? BusinessFactKind.StoreDayAdjustment
            : settings.Posting == PostingGranularity.PerTicket ? BusinessFactKind.PosTicket
            : BusinessFactKind.StoreDaySummary;
        var rules = _rules.Current;
        foreach (var ticket in batch.Tickets.Where(t => !TentativeState.Tickets.ContainsKey(t.TicketId)))
        {
            for (var i = 0; i < ticket.Lines.Count; i++)
            {
                var line = ticket.Lines[i];
                var code = line.TaxCode ?? taxCode;
                if ((line.TaxCode is not null || line.Tax != 0) && !rules.Maps(kind, FactAmountTypes.Tax, code))
                {
                    var known = string.Join(", ", rules.QualifiersOf(kind, FactAmountTypes.Tax));
                    var message = code is null
                        ? FormattableString.Invariant($"Ticket '{ticket.TicketId}' line {i + 1} has tax {line.Tax} but no tax code")
                          + $", and store {Day.Store} has no default tax code; send the line's tax code (tax codes that post: {known})."
                        : $"Ticket '{ticket.TicketId}' line {i + 1} has tax code '{code}'{(line.TaxCode is null ? $" (store {Day.Store}'s default)" : "")}, which no posting rule maps; tax codes that post: {known}.";
                    throw new InvalidPosBatchException(message, ticket.TicketId, i, "taxCode");
                }
            }
        }

        return taxCode;
    }

    // Records pending lines on their positions and hands pending facts to posting. Failures are logged and left
    // pending for the reminder; nothing here fails the caller's batch, which is already durable.
    private async Task DrainAsync()
    {
        if (HasPendingWork && !_reminderRegistered)
        {
            // Registered before the first attempt, so a crash mid-drain still leaves a wake-up behind.
            await this.RegisterReminderAsync(ReminderName, _options.RetryPeriod, _options.RetryPeriod);
            _reminderRegistered = true;
        }

        await RecordInventoryAsync();
        await HandOffFactsAsync();
        await ConfirmEvents();
        if (!HasPendingWork && _reminderRegistered)
        {
            await this.UnregisterReminderAsync(ReminderName);
            _reminderRegistered = false;
        }
    }

    private async Task RecordInventoryAsync()
    {
        // Positions are independent: lines of different SKUs go in parallel, lines of one SKU in ticket order. Returns of
        // another channel's order go to that order, which restocks them here (once, whoever reports them first).
        var pending = TentativeState.PendingLines.ToList();
        var groups = pending.Where(l => l.OriginalOrderId is null).GroupBy(l => l.Sku, StringComparer.Ordinal);
        var orders = pending.Where(l => l.OriginalOrderId is not null).GroupBy(l => l.OriginalOrderId!, StringComparer.Ordinal);
        var results = await Task.WhenAll(groups.Select(RecordPositionAsync));
        var returned = await Task.WhenAll(orders.Select(RecordOrderReturnsAsync));
        foreach (var (line, shortfall) in results.SelectMany(r => r).Select(r => (r.Line, r.Result.NegativeStock?.Shortfall ?? 0))
            .Concat(returned.SelectMany(r => r).Select(l => (l, 0))))
        {
            using (new EventSource(StoreDayPosting.SourceSystem, line.EventId).Scope())
            {
                RaiseEvent(new InventoryLineRecorded(line.EventId, shortfall));
            }
        }
    }

    private async Task<List<PendingInventoryLine>> RecordOrderReturnsAsync(IGrouping<string, PendingInventoryLine> lines)
    {
        var order = GrainFactory.GetGrain<IOrderGrain>(lines.Key);
        var done = new List<PendingInventoryLine>();
        foreach (var line in lines)
        {
            var storeReturn = new StoreReturn(line.EventId, Day.Store, line.TicketId, line.OriginalLineId!, line.Sku, line.Quantity,
                line.Restock ? ReturnDisposition.Restock : ReturnDisposition.NotRestocked, line.OccurredAt.GetValueOrDefault());
            try
            {
                try
                {
                    await order.ReceiveStoreReturnAsync(storeReturn);
                }
                catch (OrderException e)
                {
                    // Checked at upload, refused now: the order changed in between (its channel reported these units
                    // returned elsewhere, or closed it). The ticket stands, as the till refunded the customer; nothing is
                    // restocked twice, and someone must look.
                    await RaiseRefusedOrderReturnAsync(lines.Key, line, e);
                }

                done.Add(line);
            }
            catch (Exception e)
            {
                // Later lines of this order wait too, so the order sees the day's returns in order.
                _logger.LogWarning(e, "Handing POS return {LineEventId} of {StoreDay} to order {OrderId} failed; retrying in {Period}", line.EventId, Day, lines.Key, _options.RetryPeriod);
                break;
            }
        }

        return done;
    }

    private Task RaiseRefusedOrderReturnAsync(string orderId, PendingInventoryLine line, OrderException refusal) =>
        GrainFactory.GetGrain<IExceptionQueueGrain>(IExceptionQueueGrain.GlobalKey).RaiseAsync(new ExceptionReport(
            ExceptionCategory.DuplicateSuspected, $"StoreReturn/{orderId}/{line.EventId}",
            $"POS ticket '{line.TicketId}' of {Day} returned {line.Quantity} × {line.Sku} of order {orderId} (line '{line.OriginalLineId}'), and the order refused it: "
            + $"{refusal.Message} The refund stands in the store day; Parity restocked nothing for this line. If the units are on the shelf at {Day.Store}, count them in; "
            + "if the order's channel already reported them returned, the customer may have been refunded twice.",
            null, [line.EventId], Channel: StoreDayPosting.Channel));

    private async Task<List<(PendingInventoryLine Line, MovementResult Result)>> RecordPositionAsync(IGrouping<string, PendingInventoryLine> lines)
    {
        var position = GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(lines.Key, Day.Store).ToString());
        var done = new List<(PendingInventoryLine, MovementResult)>();
        foreach (var line in lines)
        {
            try
            {
                var result = line switch
                {
                    { Type: PosLineType.Sale } => await position.RecordStoreSaleAsync(line.EventId, line.Quantity, line.TicketId),
                    { Restock: true } => await position.RecordStoreReturnAsync(line.EventId, line.Quantity, line.TicketId),
                    _ => await position.ReceiveReturnAsync(line.EventId, line.TicketId, line.Quantity, ReturnDisposition.NotRestocked),
                };
                done.Add((line, result));
            }

            catch (Exception e)
            {
                // Later lines of this SKU wait too, so the position sees the day's lines in order.
                _logger.LogWarning(e, "Recording POS line {LineEventId} of {StoreDay} on its position failed; retrying in {Period}", line.EventId, Day, _options.RetryPeriod);
                break;
            }
        }

        return done;
    }

    private async Task HandOffFactsAsync()
    {
        foreach (var fact in TentativeState.PendingFacts.ToList())
        {
            try
            {
                var intake = GrainFactory.GetGrain<IPostingIntakeGrain>(fact.LegalEntity);
                var receipt = await intake.SubmitAsync(fact);
                using (new EventSource(StoreDayPosting.SourceSystem, fact.FactId).Scope())
                {
                    RaiseEvent(new PostingHandedOff(fact.FactId, receipt.JournalKey));
                }
            }

            catch (Exception e)
            {
                _logger.LogWarning(e, "Handing fact {FactId} of {StoreDay} to posting failed; retrying in {Period}", fact.FactId, Day, _options.RetryPeriod);
            }
        }
    }
}
