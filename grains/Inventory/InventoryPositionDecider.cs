using Parity.GrainInterfaces;
using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// Decides commands against an inventory position: pure functions of (state, command, policy, now) that
/// return the events to raise and the answer, and never mutate the state. Raising the events in order
/// leaves the position within its invariants (<see cref="InventoryInvariants"/>):
/// reservations are judged by ATS and caps, and every movement that lowers OnHand, or a tighter policy,
/// preempts reservations — lowest priority (highest tier number) first, newest first — until the
/// invariants hold again.
/// The policy passed must be the one the state last applied (<see cref="ApplyPolicy"/>), so the ledger
/// names the policy every decision was judged by.
/// </summary>
public static class InventoryPositionDecider
{
    private static readonly InventoryEvent[] NoEvents = [];

    /// <summary>Records a new effective policy, preempting what a raised SafetyStock or a tighter cap no longer allows.</summary>
    public static InventoryDecision<MovementResult> ApplyPolicy(InventoryPositionState state, ChannelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        if (state.HasPolicy && state.PolicyVersion == policy.Version)
        {
            return new(NoEvents, MovementResult.None);
        }

        var events = new List<InventoryEvent> { new PolicyApplied(policy.Version, policy.SafetyStock) };
        var preempted = Preemption.Select(state, policy, state.OnHand, PreemptionCause.PolicyChanged);
        return Finish(events, preempted, null);
    }

    /// <summary>
    /// ATS(c) = max(0, OnHand − Reserved − (tier(c) &gt; protectedTier ? SafetyStock : 0)), limited by c's remaining cap.
    /// </summary>
    public static int AvailableToSell(InventoryPositionState state, ChannelPolicy policy, string channelId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        return AvailableToSell(state, policy, channelId, out _);
    }

    /// <summary>ATS of every channel the policy names, and of unlisted channels, for the SKU availability grain.</summary>
    public static PositionAvailability Availability(InventoryPositionState state, ChannelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        var byChannel = new Dictionary<string, int>(policy.Channels.Count, StringComparer.Ordinal);
        foreach (var channel in policy.Channels.Keys)
        {
            byChannel[channel] = AvailableToSell(state, policy, channel, out _);
        }

        var unlisted = Math.Max(0, state.OnHand - state.Reserved - (ChannelPolicy.UnlistedChannel.Tier > policy.ProtectedTier ? policy.SafetyStock : 0));
        return new PositionAvailability(state.Position.LocationId, state.Version, byChannel, unlisted);
    }

    /// <summary>
    /// Holds the summed demand of the request's lines for this position, all or nothing. A request id already
    /// decided gets its original outcome and no events. Both outcomes are recorded, so a retried rejection
    /// stays rejected even if stock came free since. This is the flash-sale path: no LINQ, one event.
    /// </summary>
    public static InventoryDecision<ReservationOutcome> Reserve(
        InventoryPositionState state, ReserveRequest request, ChannelPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(request);
        RequireApplied(state, policy);
        if (state.TryGetOutcome(request.RequestId, out var original))
        {
            return new(NoEvents, original);
        }

        // Stored before the gateway scoped request ids by channel ({channel}/{requestId}): a reservation still active
        // under the id as sent keeps answering its own channel's retries, and no other channel's.
        if (ChannelIds.Unscoped(request.RequestId) is { } sent && state.TryGetOutcome(sent, out var legacy)
            && legacy.ReservationId is { } legacyId && state.TryGetReservation(legacyId, out var held) && held.ChannelId == request.ChannelId)
        {
            return new(NoEvents, legacy);
        }

        var demand = 0;
        var lines = request.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (state.Position.Matches(line))
            {
                ArgumentOutOfRangeException.ThrowIfNegativeOrZero(line.Quantity, nameof(request));
                demand = checked(demand + line.Quantity);
            }
        }

        InventoryEvent decided;
        var ats = AvailableToSell(state, policy, request.ChannelId, out var beforeCap);
        if (demand > 0 && demand <= ats)
        {
            DateTimeOffset? expiresAt = request.Kind == ReservationKind.Cart ? now + policy.CartTtlOf(request.ChannelId) : null;
            decided = new Reserved(
                $"{state.Position}#{state.NextReservationSequence}", request.RequestId, request.ChannelId, request.OrderRef,
                demand, request.Kind, expiresAt, policy.Version, now);
        }
        else
        {
            var reason = demand == 0 ? RejectionReason.NoLinesForPosition
                : demand <= beforeCap ? RejectionReason.CapExceeded
                : RejectionReason.InsufficientStock;
            decided = new ReservationRequestRejected(
                request.RequestId, request.ChannelId, request.OrderRef, demand, ats, reason, policy.Version);
        }

        var outcome = decided is Reserved accepted
            ? ReservationOutcomes.From(accepted)
            : ReservationOutcomes.From((ReservationRequestRejected)decided);
        return new([decided], outcome);
    }

    /// <summary>Gives a reservation back. Releasing one that already ended is answered, not an error, since owners retry.</summary>
    public static InventoryDecision<ReleaseResult> Release(InventoryPositionState state, string reservationId, string? reason)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGetReservation(reservationId, out _))
        {
            return new(NoEvents, new ReleaseResult(reservationId, false));
        }

        return new([new ReservationReleased(reservationId, reason)], new ReleaseResult(reservationId, true));
    }

    /// <summary>Expires every Cart reservation whose expires-at is at or before <paramref name="now"/>, soonest first.</summary>
    public static InventoryDecision<IReadOnlyList<ReservationExpired>> ExpireDue(InventoryPositionState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.NextExpiry is not { } next || next > now)
        {
            return new(NoEvents, []);
        }

        var expired = new List<ReservationExpired>();
        foreach (var cart in state.CartsByExpiry)
        {
            if (cart.ExpiresAt > now)
            {
                break;
            }

            expired.Add(new ReservationExpired(cart.Id, cart.OrderRef, cart.ExpiresAt!.Value));
        }

        return new(expired, expired);
    }

    /// <summary>Commits a reservation to a shipment: OnHand falls by its quantity and it ends.</summary>
    /// <exception cref="ReservationNotActiveException">The reservation is not active here.</exception>
    public static InventoryDecision<MovementResult> Ship(
        InventoryPositionState state, ChannelPolicy policy, string reservationId, string shipmentRef)
    {
        ArgumentNullException.ThrowIfNull(state);
        RequireApplied(state, policy);
        if (!state.TryGetReservation(reservationId, out var reservation))
        {
            throw new ReservationNotActiveException(state.Position, reservationId);
        }

        // The shipped units leave Reserved and OnHand together, but SafetyStock headroom and fractional caps
        // shrink with OnHand, so the other reservations are re-judged as after any fall of OnHand.
        var events = new List<InventoryEvent> { new Shipped(reservationId, reservation.Quantity, shipmentRef) };
        var preempted = Preemption.Select(
            state, policy, state.OnHand - reservation.Quantity, PreemptionCause.Shipment, excluded: reservationId);
        return Finish(events, preempted, null);
    }

    /// <summary>Announces units on a purchase order or ASN: Incoming rises.</summary>
    public static InventoryDecision<MovementResult> ExpectIncoming(InventoryPositionState state, int quantity, string reference)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        RequireRoom(state, "incoming", state.Incoming, quantity);
        return new([new IncomingExpected(quantity, reference)], MovementResult.None);
    }

    /// <summary>Receives units into OnHand, settling what <paramref name="reference"/> had announced as Incoming.</summary>
    public static InventoryDecision<MovementResult> Receive(InventoryPositionState state, int quantity, string? reference)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        RequireRoom(state, "on hand", state.OnHand, quantity);
        var settled = reference is null ? 0 : Math.Min(quantity, state.IncomingOn(reference));
        return new([new InventoryReceived(quantity, settled, reference)], MovementResult.None);
    }

    /// <summary>A cycle count: OnHand becomes the counted quantity; a fall preempts as needed.</summary>
    public static InventoryDecision<MovementResult> Adjust(
        InventoryPositionState state, ChannelPolicy policy, int countedQuantity, string? reason)
    {
        ArgumentNullException.ThrowIfNull(state);
        RequireApplied(state, policy);
        ArgumentOutOfRangeException.ThrowIfNegative(countedQuantity);
        if (countedQuantity > Limits.MaxPositionQuantity)
        {
            throw new PositionLimitExceededException(state.Position, "countedQuantity", "on hand", state.OnHand, countedQuantity);
        }

        var events = new List<InventoryEvent> { new InventoryAdjusted(countedQuantity, countedQuantity - state.OnHand, reason) };
        var preempted = Preemption.Select(state, policy, countedQuantity, PreemptionCause.CycleCount);
        return Finish(events, preempted, null);
    }

    /// <summary>
    /// Records a POS sale — a fact, never refused. OnHand falls but stops at zero; what the till sold beyond
    /// OnHand is kept on the event as its shortfall and reported as <see cref="NegativeStock"/>.
    /// </summary>
    public static InventoryDecision<MovementResult> RecordStoreSale(
        InventoryPositionState state, ChannelPolicy policy, int quantity, string ticketRef)
    {
        ArgumentNullException.ThrowIfNull(state);
        RequireApplied(state, policy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var shortfall = Math.Max(0, quantity - state.OnHand);
        var events = new List<InventoryEvent> { new StoreSold(quantity, shortfall, ticketRef) };
        var preempted = Preemption.Select(state, policy, state.OnHand - (quantity - shortfall), PreemptionCause.StoreSale);
        var negative = shortfall > 0 ? new NegativeStock(state.Position, ticketRef, quantity, state.OnHand, shortfall) : null;
        return Finish(events, preempted, negative);
    }

    /// <summary>Records a POS return put back on the shelf: OnHand rises.</summary>
    public static InventoryDecision<MovementResult> RecordStoreReturn(InventoryPositionState state, int quantity, string ticketRef)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        RequireRoom(state, "on hand", state.OnHand, quantity);
        return new([new StoreReturned(quantity, ticketRef)], MovementResult.None);
    }

    /// <summary>Ships units to another location. Only unreserved OnHand may leave; reserved units belong to orders.</summary>
    /// <exception cref="InsufficientStockException">More than OnHand − Reserved.</exception>
    public static InventoryDecision<MovementResult> TransferOut(
        InventoryPositionState state, ChannelPolicy policy, string transferId, int quantity, string toLocationId)
    {
        ArgumentNullException.ThrowIfNull(state);
        RequireApplied(state, policy);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var free = state.OnHand - state.Reserved;
        if (quantity > free)
        {
            throw new InsufficientStockException(state.Position, "Transfer out", quantity, Math.Max(0, free));
        }

        var events = new List<InventoryEvent> { new TransferredOut(transferId, quantity, toLocationId) };
        var preempted = Preemption.Select(state, policy, state.OnHand - quantity, PreemptionCause.TransferOut);
        return Finish(events, preempted, null);
    }

    /// <summary>A transfer to this location was shipped: InTransit rises.</summary>
    public static InventoryDecision<MovementResult> AnnounceTransferIn(
        InventoryPositionState state, string transferId, int quantity, string fromLocationId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        RequireRoom(state, "in transit", state.InTransit, quantity);
        return new([new TransferInbound(transferId, quantity, fromLocationId)], MovementResult.None);
    }

    /// <summary>Receives transferred units: OnHand rises, InTransit falls by what the transfer had announced.</summary>
    public static InventoryDecision<MovementResult> ReceiveTransfer(
        InventoryPositionState state, string transferId, int quantity, string fromLocationId)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        RequireRoom(state, "on hand", state.OnHand, quantity);
        var settled = Math.Min(quantity, state.InTransitOn(transferId));
        return new([new TransferredIn(transferId, quantity, settled, fromLocationId)], MovementResult.None);
    }

    /// <summary>Writes units off from OnHand to Damaged, preempting as needed.</summary>
    /// <exception cref="InsufficientStockException">More than OnHand.</exception>
    public static InventoryDecision<MovementResult> RecordDamage(
        InventoryPositionState state, ChannelPolicy policy, int quantity, string? reason)
    {
        ArgumentNullException.ThrowIfNull(state);
        RequireApplied(state, policy);
        RequireOnHand(state, "Damage write-off", quantity);
        RequireRoom(state, "damaged", state.Damaged, quantity);
        var events = new List<InventoryEvent> { new DamageRecorded(quantity, reason) };
        return Finish(events, Preemption.Select(state, policy, state.OnHand - quantity, PreemptionCause.Damage), null);
    }

    /// <summary>Moves units from OnHand to QualityControl, preempting as needed.</summary>
    /// <exception cref="InsufficientStockException">More than OnHand.</exception>
    public static InventoryDecision<MovementResult> MoveToQualityControl(
        InventoryPositionState state, ChannelPolicy policy, int quantity, string? reason)
    {
        ArgumentNullException.ThrowIfNull(state);
        RequireApplied(state, policy);
        RequireOnHand(state, "Move to quality control", quantity);
        RequireRoom(state, "in quality control", state.QualityControl, quantity);
        var events = new List<InventoryEvent> { new MovedToQualityControl(quantity, reason) };
        return Finish(events, Preemption.Select(state, policy, state.OnHand - quantity, PreemptionCause.QualityControl), null);
    }

    /// <summary>Releases inspected units from QualityControl to OnHand or Damaged.</summary>
    /// <exception cref="InsufficientStockException">More than QualityControl holds outside pending returns.</exception>
    public static InventoryDecision<MovementResult> ReleaseFromQualityControl(
        InventoryPositionState state, int quantity, QualityControlOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        // Units of returns awaiting processing leave QualityControl only through ProcessReturn.
        var inspected = state.QualityControl - state.ReturnsAwaitingProcessing;
        if (quantity > inspected)
        {
            throw new InsufficientStockException(state.Position, "Release from quality control", quantity, inspected);
        }

        RequireRoomFor(state, outcome, quantity);

        return new([new ReleasedFromQualityControl(quantity, outcome)], MovementResult.None);
    }

    /// <summary>Receives a customer return with its Disposition.</summary>
    public static InventoryDecision<MovementResult> ReceiveReturn(
        InventoryPositionState state, string returnRef, int quantity, ReturnDisposition disposition)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (disposition == ReturnDisposition.Restock)
        {
            RequireRoom(state, "on hand", state.OnHand, quantity);
        }
        else if (disposition == ReturnDisposition.ProcessingRequired)
        {
            RequireRoom(state, "in quality control", state.QualityControl, quantity);
        }

        return new([new ReturnReceived(returnRef, quantity, disposition)], MovementResult.None);
    }

    /// <summary>Decides units of a ProcessingRequired return: Restocked to OnHand or Damaged.</summary>
    /// <exception cref="InsufficientStockException">More than the return has awaiting processing.</exception>
    public static InventoryDecision<MovementResult> ProcessReturn(
        InventoryPositionState state, string returnRef, int quantity, QualityControlOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var awaiting = state.AwaitingProcessing(returnRef);
        if (quantity > awaiting)
        {
            throw new InsufficientStockException(state.Position, $"Processing of return '{returnRef}'", quantity, awaiting);
        }

        RequireRoomFor(state, outcome, quantity);

        return new([new ReturnProcessed(returnRef, quantity, outcome)], MovementResult.None);
    }

    private static int AvailableToSell(InventoryPositionState state, ChannelPolicy policy, string channelId, out int beforeCap)
    {
        var rule = policy.RuleFor(channelId);
        var safety = rule.Tier > policy.ProtectedTier ? policy.SafetyStock : 0;
        beforeCap = Math.Max(0, state.OnHand - state.Reserved - safety);
        if (rule.Cap is null)
        {
            return beforeCap;
        }

        var capRemaining = Math.Max(0, rule.Cap.LimitFor(state.OnHand) - state.ReservedBy(channelId));
        return Math.Min(beforeCap, capRemaining);
    }

    private static void RequireApplied(InventoryPositionState state, ChannelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!state.HasPolicy || state.PolicyVersion != policy.Version)
        {
            throw new InvalidOperationException(
                $"{state.Position} last applied policy version {state.PolicyVersion}, not {policy.Version}; apply the policy first.");
        }
    }

    private static void RequireOnHand(InventoryPositionState state, string movement, int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        if (quantity > state.OnHand)
        {
            throw new InsufficientStockException(state.Position, movement, quantity, state.OnHand);
        }
    }

    // Every figure of a position stays within Limits.MaxPositionQuantity, so no sum of figures (ATS, totals across
    // locations) can overflow an int; a movement that would go past it is refused before any event.
    private static void RequireRoom(InventoryPositionState state, string figure, int current, int quantity)
    {
        if ((long)current + quantity > Limits.MaxPositionQuantity)
        {
            throw new PositionLimitExceededException(state.Position, "quantity", figure, current, quantity);
        }
    }

    private static void RequireRoomFor(InventoryPositionState state, QualityControlOutcome outcome, int quantity)
    {
        if (outcome == QualityControlOutcome.Restocked)
        {
            RequireRoom(state, "on hand", state.OnHand, quantity);
        }
        else
        {
            RequireRoom(state, "damaged", state.Damaged, quantity);
        }
    }

    private static InventoryDecision<MovementResult> Finish(
        List<InventoryEvent> events, List<ReservationPreempted>? preempted, NegativeStock? negative)
    {
        if (preempted is null && negative is null)
        {
            return new(events, MovementResult.None);
        }

        if (preempted is not null)
        {
            events.AddRange(preempted);
        }

        return new(events, new MovementResult(preempted ?? [], negative));
    }
}
