using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// An inventory position (one SKU at one location) folded from its ledger. Every figure is derived from
/// the events applied, in order, so replaying the ledger from scratch yields the same state as living
/// through it. <see cref="Apply"/> never decides: events carry the deltas their decision computed, and
/// an event that cannot apply means a corrupt ledger, which throws.
/// Request outcomes are remembered for idempotency: always while their reservation is active, and for the
/// last <see cref="OutcomeRetention"/> ended or rejected requests after that, so memory stays bounded on a
/// hot position while a retry within any realistic window still gets its original outcome.
/// </summary>
public sealed partial class InventoryPositionState
{
    /// <summary>Ended or rejected request outcomes kept by default.</summary>
    public const int DefaultOutcomeRetention = 10_000;

    private readonly Dictionary<string, ActiveReservation> _reservations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reservedByChannel = new(StringComparer.Ordinal);

    // Active Order-kind reservations per owner: an order's retried placement finds its holds in O(1), and the hold
    // audit knows whether there is anything to audit.
    private readonly Dictionary<string, List<ActiveReservation>> _orderHolds = new(StringComparer.Ordinal);
    private readonly SortedSet<ActiveReservation> _cartsByExpiry = new(ExpiryOrder.Instance);
    private readonly Dictionary<string, ReservationOutcome> _outcomes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _incomingByReference = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inTransitByTransfer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _awaitingProcessingByReturn = new(StringComparer.Ordinal);

    // Request ids whose outcome may be forgotten (reservation ended, or rejected), oldest first.
    private readonly Queue<string> _retiredRequests = new();

    /// <summary>Creates the empty position that the ledger is folded onto.</summary>
    /// <param name="position">SKU and location.</param>
    /// <param name="outcomeRetention">Ended or rejected request outcomes to keep.</param>
    public InventoryPositionState(PositionKey position, int outcomeRetention = DefaultOutcomeRetention)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outcomeRetention);
        Position = position;
        OutcomeRetention = outcomeRetention;
    }

    /// <summary>Ended or rejected request outcomes kept; older ones are forgotten and a retry of them counts as new.</summary>
    public int OutcomeRetention { get; }

    /// <summary>SKU and location.</summary>
    public PositionKey Position { get; }

    /// <summary>Sellable physical units; never below zero.</summary>
    public int OnHand { get; private set; }

    /// <summary>Units written off as damaged.</summary>
    public int Damaged { get; private set; }

    /// <summary>Units under inspection or awaiting return processing.</summary>
    public int QualityControl { get; private set; }

    /// <summary>Σ active reservations.</summary>
    public int Reserved { get; private set; }

    /// <summary>Units announced by purchase orders, not yet received.</summary>
    public int Incoming { get; private set; }

    /// <summary>Units on transfers to this location, not yet received.</summary>
    public int InTransit { get; private set; }

    /// <summary>SafetyStock of the policy last applied.</summary>
    public int SafetyStock { get; private set; }

    /// <summary>Version of the policy last applied; 0 before any.</summary>
    public long PolicyVersion { get; private set; }

    /// <summary>Whether any policy has been applied; decisions that judge by policy require one.</summary>
    public bool HasPolicy { get; private set; }

    /// <summary>Number of events folded: the journal version.</summary>
    public long Version { get; private set; }

    /// <summary>Sequence the next reservation will get.</summary>
    public long NextReservationSequence { get; private set; } = 1;

    /// <summary>Σ units sold at POS beyond OnHand, as reported in NegativeStock exceptions.</summary>
    public int SoldBeyondOnHand { get; private set; }

    /// <summary>Active reservations, in no particular order.</summary>
    public IReadOnlyCollection<ActiveReservation> Reservations => _reservations.Values;

    /// <summary>Reserved per channel, for channels holding any.</summary>
    public IReadOnlyDictionary<string, int> ReservedByChannel => _reservedByChannel;

    /// <summary>Active Cart reservations, soonest expiry first.</summary>
    public IReadOnlyCollection<ActiveReservation> CartsByExpiry => _cartsByExpiry;

    /// <summary>When the next Cart reservation expires; the grain keeps a timer/reminder at this instant.</summary>
    public DateTimeOffset? NextExpiry => _cartsByExpiry.Count == 0 ? null : _cartsByExpiry.Min!.ExpiresAt;

    /// <summary>Whether any Order-kind reservation is active (the hold audit runs only then).</summary>
    public bool HoldsForOrders => _orderHolds.Count > 0;

    /// <summary>Active Order-kind reservations of every owner, grouped by owner.</summary>
    public IReadOnlyDictionary<string, List<ActiveReservation>> OrderHolds => _orderHolds;

    /// <summary>Active Order-kind reservations of <paramref name="orderRef"/>.</summary>
    public IReadOnlyList<ActiveReservation> OrderHoldsOf(string orderRef) =>
        _orderHolds.TryGetValue(orderRef, out var holds) ? holds : [];

    /// <summary>Whether <paramref name="requestId"/> was decided here and is still remembered (active, ended or rejected).</summary>
    public bool IsKnownRequest(string requestId) => _outcomes.ContainsKey(requestId);

    /// <summary>Number of request ids remembered with their outcome.</summary>
    public int RememberedRequests => _outcomes.Count;

    /// <summary>Finds an active reservation.</summary>
    public bool TryGetReservation(string reservationId, out ActiveReservation reservation) =>
        _reservations.TryGetValue(reservationId, out reservation!);

    /// <summary>The original outcome of a request already decided here.</summary>
    public bool TryGetOutcome(string requestId, out ReservationOutcome outcome) =>
        _outcomes.TryGetValue(requestId, out outcome!);

    /// <summary>Units <paramref name="channelId"/> holds reserved.</summary>
    public int ReservedBy(string channelId) =>
        _reservedByChannel.TryGetValue(channelId, out var units) ? units : 0;

    /// <summary>Incoming units still expected on <paramref name="reference"/>.</summary>
    public int IncomingOn(string reference) =>
        _incomingByReference.TryGetValue(reference, out var units) ? units : 0;

    /// <summary>InTransit units still expected on <paramref name="transferId"/>.</summary>
    public int InTransitOn(string transferId) =>
        _inTransitByTransfer.TryGetValue(transferId, out var units) ? units : 0;

    /// <summary>Units of all returns still awaiting processing; they sit in QualityControl but belong to their returns.</summary>
    public int ReturnsAwaitingProcessing { get; private set; }

    /// <summary>Units of <paramref name="returnRef"/> still awaiting processing (ProcessingRequired).</summary>
    public int AwaitingProcessing(string returnRef) =>
        _awaitingProcessingByReturn.TryGetValue(returnRef, out var units) ? units : 0;

    /// <summary>The figures, as the position query returns them.</summary>
    public PositionFigures ToFigures() =>
        new(Position, OnHand, Damaged, QualityControl, Reserved, Incoming, InTransit, SafetyStock, PolicyVersion, Version);

    /// <summary>Folds one ledger event.</summary>
    public void Apply(InventoryEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e)
        {
            case Reserved r:
                var reservation = new ActiveReservation(
                    r.ReservationId, r.RequestId, r.ChannelId, r.OrderRef, r.Quantity, r.Kind, r.ExpiresAt, r.PolicyVersion,
                    NextReservationSequence++, r.ReservedAt);
                if (!_reservations.TryAdd(r.ReservationId, reservation))
                {
                    throw Corrupt(e, "reservation id already active");
                }

                Reserved = checked(Reserved + r.Quantity);
                Add(_reservedByChannel, r.ChannelId, r.Quantity);
                if (r.ExpiresAt is not null)
                {
                    _cartsByExpiry.Add(reservation);
                }

                AddOrderHold(reservation);
                _outcomes[r.RequestId] = ReservationOutcomes.From(r);
                break;
            case ReservationRequestRejected rejected:
                _outcomes[rejected.RequestId] = ReservationOutcomes.From(rejected);
                Retire(rejected.RequestId);
                break;
            case ReservationReleased released:
                End(released.ReservationId, e);
                break;
            case ReservationExpired expired:
                End(expired.ReservationId, e);
                break;
            case ReservationPreempted preempted:
                End(preempted.ReservationId, e);
                break;
            case Shipped shipped:
                End(shipped.ReservationId, e);
                OnHand = checked(OnHand - shipped.Quantity);
                break;
            case StoreSold sold:
                OnHand = checked(OnHand - (sold.Quantity - sold.Shortfall));
                SoldBeyondOnHand = checked(SoldBeyondOnHand + sold.Shortfall);
                break;
            case StoreReturned returned:
                OnHand = checked(OnHand + returned.Quantity);
                break;
            case InventoryAdjusted adjusted:
                OnHand = checked(OnHand + adjusted.Delta);
                break;
            case IncomingExpected expected:
                Incoming = checked(Incoming + expected.Quantity);
                Add(_incomingByReference, expected.Reference, expected.Quantity);
                break;
            case InventoryReceived received:
                OnHand = checked(OnHand + received.Quantity);
                Incoming = checked(Incoming - received.IncomingSettled);
                if (received.IncomingSettled > 0)
                {
                    Add(_incomingByReference, received.Reference!, -received.IncomingSettled);
                }

                break;
            case TransferredOut transferredOut:
                OnHand = checked(OnHand - transferredOut.Quantity);
                break;
            case TransferInbound inbound:
                InTransit = checked(InTransit + inbound.Quantity);
                Add(_inTransitByTransfer, inbound.TransferId, inbound.Quantity);
                break;
            case TransferredIn transferredIn:
                OnHand = checked(OnHand + transferredIn.Quantity);
                InTransit = checked(InTransit - transferredIn.InTransitSettled);
                Add(_inTransitByTransfer, transferredIn.TransferId, -transferredIn.InTransitSettled);
                break;
            case DamageRecorded damaged:
                OnHand = checked(OnHand - damaged.Quantity);
                Damaged = checked(Damaged + damaged.Quantity);
                break;
            case MovedToQualityControl moved:
                OnHand = checked(OnHand - moved.Quantity);
                QualityControl = checked(QualityControl + moved.Quantity);
                break;
            case ReleasedFromQualityControl fromQc:
                QualityControl = checked(QualityControl - fromQc.Quantity);
                AddOutcome(fromQc.Outcome, fromQc.Quantity);
                break;
            case ReturnReceived returnReceived:
                switch (returnReceived.Disposition)
                {
                    case ReturnDisposition.Restock:
                        OnHand = checked(OnHand + returnReceived.Quantity);
                        break;
                    case ReturnDisposition.ProcessingRequired:
                        QualityControl = checked(QualityControl + returnReceived.Quantity);
                        Add(_awaitingProcessingByReturn, returnReceived.ReturnRef, returnReceived.Quantity);
                        ReturnsAwaitingProcessing = checked(ReturnsAwaitingProcessing + returnReceived.Quantity);
                        break;
                    // NotRestocked and Missing move no stock; the ledger keeps them for the return's audit trail.
                }

                break;
            case ReturnProcessed processed:
                QualityControl = checked(QualityControl - processed.Quantity);
                Add(_awaitingProcessingByReturn, processed.ReturnRef, -processed.Quantity);
                ReturnsAwaitingProcessing = checked(ReturnsAwaitingProcessing - processed.Quantity);
                AddOutcome(processed.Outcome, processed.Quantity);
                break;
            case PolicyApplied policy:
                PolicyVersion = policy.PolicyVersion;
                HasPolicy = true;
                SafetyStock = policy.SafetyStock;
                break;
            case MovementRecorded or ReleaseRecorded or NoticeDelivered:
                // The grain's bookkeeping (command dedupe, outbox); counted so Version stays the journal version.
                break;
            default:
                throw Corrupt(e, "unknown event type");
        }

        Version++;
    }

    private void AddOrderHold(ActiveReservation reservation)
    {
        if (reservation.Kind != ReservationKind.Order)
        {
            return;
        }

        if (!_orderHolds.TryGetValue(reservation.OrderRef, out var holds))
        {
            _orderHolds[reservation.OrderRef] = holds = new List<ActiveReservation>(1);
        }

        holds.Add(reservation);
    }

    private void AddOutcome(QualityControlOutcome outcome, int quantity)
    {
        if (outcome == QualityControlOutcome.Restocked)
        {
            OnHand = checked(OnHand + quantity);
        }
        else
        {
            Damaged = checked(Damaged + quantity);
        }
    }

    private void End(string reservationId, InventoryEvent e)
    {
        if (!_reservations.Remove(reservationId, out var reservation))
        {
            throw Corrupt(e, "reservation is not active");
        }

        Reserved = checked(Reserved - reservation.Quantity);
        Add(_reservedByChannel, reservation.ChannelId, -reservation.Quantity);
        if (reservation.ExpiresAt is not null)
        {
            _cartsByExpiry.Remove(reservation);
        }

        if (reservation.Kind == ReservationKind.Order && _orderHolds.TryGetValue(reservation.OrderRef, out var holds))
        {
            holds.Remove(reservation);
            if (holds.Count == 0)
            {
                _orderHolds.Remove(reservation.OrderRef);
            }
        }

        Retire(reservation.RequestId);
    }

    private void Retire(string requestId)
    {
        _retiredRequests.Enqueue(requestId);
        while (_retiredRequests.Count > OutcomeRetention)
        {
            _outcomes.Remove(_retiredRequests.Dequeue());
        }
    }

    // Zero entries are dropped so the maps only hold what is outstanding.
    private static void Add(Dictionary<string, int> map, string key, int delta)
    {
        var units = checked((map.TryGetValue(key, out var current) ? current : 0) + delta);
        if (units == 0)
        {
            map.Remove(key);
        }
        else
        {
            map[key] = units;
        }
    }

    private InvalidOperationException Corrupt(InventoryEvent e, string why) =>
        new($"Ledger of {Position} cannot apply {e.GetType().Name} at version {Version + 1}: {why}.");

    // Cart expiry order; the sequence breaks ties so two carts expiring at once are both kept.
    private sealed class ExpiryOrder : IComparer<ActiveReservation>
    {
        public static readonly ExpiryOrder Instance = new();

        public int Compare(ActiveReservation? x, ActiveReservation? y)
        {
            var byTime = Nullable.Compare(x!.ExpiresAt, y!.ExpiresAt);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }
}
