using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;

namespace Parity.Grains.Orders;

/// <summary>
/// Everything an order folds from its journal: the placed order, line states with their allocations, payments,
/// parked events, recorded outcomes (idempotency) and the posting outbox. Public get/set members so that it
/// round-trips through a JSON snapshot.
/// </summary>
public sealed class OrderState
{
    /// <summary>The placement, null until placed.</summary>
    public PlaceOrder? Order { get; set; }

    /// <summary>Line states in order of the placement.</summary>
    public List<LineState> Lines { get; set; } = [];

    /// <summary>Whether sourcing has run (after authorization); before it no unit counts as backordered.</summary>
    public bool Sourced { get; set; }

    /// <summary>Amount authorized.</summary>
    public decimal Authorized { get; set; }

    /// <summary>Whether a payment was authorized.</summary>
    public bool IsAuthorized { get; set; }

    /// <summary>Tender method of the authorization.</summary>
    public string? Tender { get; set; }

    /// <summary>Amount captured.</summary>
    public decimal Captured { get; set; }

    /// <summary>Amount refunded.</summary>
    public decimal Refunded { get; set; }

    /// <summary>What the order's sale facts debited to tender clearing (net of <see cref="ShipmentAllowance"/>).</summary>
    public decimal Invoiced { get; set; }

    /// <summary>Refunds owed on refunds payable by the order's channel returns (a store's till pays its own).</summary>
    public decimal ReturnsOwed { get; set; }

    /// <summary>Refunded against <see cref="ReturnsOwed"/>.</summary>
    public decimal RefundedForReturns { get; set; }

    /// <summary>Refunded out of money taken for units not invoiced then (posted nothing).</summary>
    public decimal RefundedUnshipped { get; set; }

    /// <summary>Refunded for goods shipped and kept (posted as an allowance).</summary>
    public decimal RefundedAllowance { get; set; }

    /// <summary>Of <see cref="RefundedUnshipped"/>, what a later shipment booked as a discount: the units shipped after all.</summary>
    public decimal ShipmentAllowance { get; set; }

    /// <summary>Whether the order is closed.</summary>
    public bool Closed { get; set; }

    /// <summary>Whether shipping was charged on a shipment fact already.</summary>
    public bool ShippingPosted { get; set; }

    /// <summary>Where the last units shipped from (refunds post there).</summary>
    public string? LastShipLocation { get; set; }

    /// <summary>Orders placed as exchanges of this one.</summary>
    public List<string> Exchanges { get; set; } = [];

    /// <summary>Of <see cref="ReturnsOwed"/>, what was applied to replacement orders as exchange credit instead of refunded.</summary>
    public decimal ExchangeCreditGiven { get; set; }

    /// <summary>Exchange credit this order (a replacement) was paid with, out of its original's returns.</summary>
    public decimal ExchangeCredit { get; set; }

    /// <summary>Events waiting for their prerequisite, oldest first.</summary>
    public List<EventParked> Parked { get; set; } = [];

    /// <summary>Parked events already raised as OutOfSequence.</summary>
    public List<string> Escalated { get; set; } = [];

    /// <summary>Outcome per event id.</summary>
    public Dictionary<string, OrderOutcome> Outcomes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What each event id asked (<see cref="OrderFingerprint"/>); outcomes recorded before fingerprints have none.</summary>
    public Dictionary<string, string> Fingerprints { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What is wrong with the stored journal (events whose amounts overflow the order's figures, journaled
    /// before the money bounds); the figures leave those events out and reads name them.</summary>
    public List<string> Problems { get; set; } = [];

    /// <summary>Facts not yet taken by posting.</summary>
    public List<BusinessFact> PendingFacts { get; set; } = [];

    /// <summary>Captures not yet taken by the provider's receivables.</summary>
    public List<PendingCapture> PendingCaptures { get; set; } = [];

    /// <summary>The reconciliation figures counted the placement (journaled lazily, see <see cref="PlacementCounted"/>).</summary>
    public bool IsPlacementCounted { get; set; }

    /// <summary>Whether <paramref name="tender"/> is <see cref="OrderFacts.ExchangeCreditTender"/>.</summary>
    public static bool IsExchangeCredit(string? tender) => string.Equals(tender, OrderFacts.ExchangeCreditTender, StringComparison.OrdinalIgnoreCase);

    /// <summary>The line, or null.</summary>
    public LineState? Line(string lineId) => Lines.Find(l => l.LineId == lineId);

    /// <summary>The allocation holding <paramref name="reservationId"/>, with its line, or null.</summary>
    public (LineState Line, AllocationState Allocation)? FindAllocation(string reservationId)
    {
        foreach (var line in Lines)
        {
            var allocation = line.Allocations.Find(a => a.ReservationId == reservationId);
            if (allocation is not null)
            {
                return (line, allocation);
            }
        }

        return null;
    }

    /// <summary>What the customer paid: the captures, or the authorization while nothing is captured.</summary>
    public decimal Paid => Captured > 0 ? Captured : Authorized;

    /// <summary>Some money went back, but less than was paid.</summary>
    public bool IsPartiallyRefunded => Refunded > 0 && Refunded < Paid;

    /// <summary>The status derived from the lines (domain.md lifecycle).</summary>
    public OrderStatus Status
    {
        get
        {
            if (Order is null)
            {
                return OrderStatus.None;
            }

            if (Closed)
            {
                return OrderStatus.Closed;
            }

            var effective = Lines.Sum(l => l.Quantity - l.Cancelled);
            if (effective == 0)
            {
                return OrderStatus.Cancelled;
            }

            // Refunded only when every paid cent went back; a partial refund leaves the status to the lines (what shipped,
            // was delivered or came back) and shows as IsPartiallyRefunded beside the refunded amount.
            if (Refunded > 0 && Refunded >= Paid)
            {
                return OrderStatus.Refunded;
            }

            var shipped = Lines.Sum(l => l.Shipped);
            var returned = Lines.Sum(l => l.Returned);

            if (returned > 0)
            {
                return returned >= shipped ? OrderStatus.Returned : OrderStatus.PartiallyReturned;
            }

            if (shipped > 0)
            {
                if (shipped < effective)
                {
                    return OrderStatus.PartiallyShipped;
                }

                return Lines.Sum(l => l.Delivered) >= shipped ? OrderStatus.Delivered : OrderStatus.Shipped;
            }

            if (!IsAuthorized)
            {
                return OrderStatus.Placed;
            }

            if (!Sourced)
            {
                return OrderStatus.Authorized;
            }

            var allocated = Lines.Sum(l => l.Allocated);
            return allocated >= effective ? OrderStatus.Allocated : allocated == 0 ? OrderStatus.Backordered : OrderStatus.PartiallyAllocated;
        }
    }

    /// <summary>Folds one event.</summary>
    public void Apply(OrderEvent @event)
    {
        switch (@event)
        {
            case OrderPlaced e:
                Order = e.Order;
                Lines = e.Order.Lines.Select(l => new LineState { LineId = l.LineId, Sku = l.Sku, Quantity = l.Quantity }).ToList();
                break;
            case PaymentAuthorized e:
                IsAuthorized = true;
                Authorized += e.Amount;
                Tender ??= IsExchangeCredit(e.Tender) ? null : e.Tender;
                break;
            case PaymentCaptured e:
                Captured += e.Amount;
                if (IsExchangeCredit(e.Tender))
                {
                    // The credit is no tender of the customer's: sales debit it to refunds payable (OrderFacts.Shipment).
                    ExchangeCredit += e.Amount;
                }
                else
                {
                    Tender ??= e.Tender;
                }

                break;
            case LinesAllocated e:
                Sourced = true;
                foreach (var a in e.Allocations)
                {
                    Line(a.LineId)!.Allocations.Add(new AllocationState
                    {
                        ReservationId = a.ReservationId, LocationId = a.LocationId, Quantity = a.Quantity, RuleVersion = e.RuleVersion,
                    });
                }

                break;
            case AllocationEnded e:
                if (FindAllocation(e.ReservationId) is { } ended)
                {
                    ended.Allocation.Status = e.Status;
                }

                break;
            case LinesShipped e:
                ShippingPosted = true;
                Invoiced += e.Invoiced;
                ShipmentAllowance += e.Allowance;
                foreach (var item in e.Items)
                {
                    var line = Line(item.LineId)!;
                    line.Shipped += item.Quantity;
                    line.ShipLocation = item.LocationId;
                    LastShipLocation = item.LocationId;
                    if (line.Allocations.Find(a => a.ReservationId == item.ReservationId) is { } shipped)
                    {
                        shipped.Status = AllocationStatus.Shipped;
                    }
                }

                break;
            case OrderDelivered e:
                foreach (var l in e.Lines)
                {
                    Line(l.LineId)!.Delivered += l.Quantity;
                }

                break;
            case LinesCancelled e:
                foreach (var l in e.Lines)
                {
                    Line(l.LineId)!.Cancelled += l.Quantity;
                }

                break;
            case ReturnRecorded e:
                ReturnsOwed += e.Owed;
                foreach (var item in e.Items)
                {
                    var line = Line(item.LineId)!;
                    line.Returned += item.Quantity;
                    line.Dispositions[item.Disposition] = line.Dispositions.GetValueOrDefault(item.Disposition) + item.Quantity;
                    line.ChannelReturnedAt[e.LocationId] = line.ChannelReturnedAt.GetValueOrDefault(e.LocationId) + item.Quantity;
                }

                break;
            case StoreReturnRecorded e:
                {
                    var line = Line(e.LineId)!;
                    var units = e.Quantity - e.Matched;
                    line.Returned += units;
                    line.Dispositions[e.Disposition] = line.Dispositions.GetValueOrDefault(e.Disposition) + units;
                    line.StoreReturnedAt[e.StoreId] = line.StoreReturnedAt.GetValueOrDefault(e.StoreId) + units;
                    line.ChannelReturnedAt[e.StoreId] = line.ChannelReturnedAt.GetValueOrDefault(e.StoreId) - e.Matched;
                }

                break;
            case ChannelReturnMatched e:
                foreach (var l in e.Lines)
                {
                    var line = Line(l.LineId)!;
                    line.StoreReturnedAt[e.LocationId] = line.StoreReturnedAt.GetValueOrDefault(e.LocationId) - l.Quantity;
                }

                break;
            case RefundRecorded e:
                Refunded += e.Amount;
                RefundedForReturns += e.ForReturns;
                RefundedUnshipped += e.Unshipped;
                RefundedAllowance += e.Allowance;
                break;
            case ExchangeLinked e:
                Exchanges.Add(e.NewOrderId);
                ExchangeCreditGiven += e.Credit;
                break;
            case OrderClosed:
                Closed = true;
                break;
            case EventParked e:
                Parked.Add(e);
                break;
            case ParkedEventEscalated e:
                Escalated.Add(e.EventId);
                break;
            case OutcomeRecorded e:
                Outcomes[e.Outcome.EventId] = e.Outcome;
                if (e.Fingerprint is { } fingerprint)
                {
                    Fingerprints[e.Outcome.EventId] = fingerprint;
                }

                if (e.Outcome.Disposition == EventDisposition.Applied)
                {
                    Parked.RemoveAll(p => p.Command.EventId == e.Outcome.EventId);
                    Escalated.Remove(e.Outcome.EventId);
                }

                break;
            case FactQueued e:
                PendingFacts.Add(e.Fact);
                break;
            case FactSubmitted e:
                PendingFacts.RemoveAll(f => f.FactId == e.FactId);
                break;
            case CaptureQueued e:
                PendingCaptures.Add(e.Capture);
                break;
            case CaptureHandedOff e:
                PendingCaptures.RemoveAll(c => c.Reference == e.Reference);
                break;
            case PlacementCounted:
                IsPlacementCounted = true;
                break;
            default:
                throw new InvalidOperationException($"Unknown order event {@event.GetType().Name}.");
        }
    }
}

/// <summary>One line's partial states.</summary>
public sealed class LineState
{
    /// <summary>Line id.</summary>
    public string LineId { get; set; } = "";

    /// <summary>SKU.</summary>
    public string Sku { get; set; } = "";

    /// <summary>Units ordered.</summary>
    public int Quantity { get; set; }

    /// <summary>Units shipped.</summary>
    public int Shipped { get; set; }

    /// <summary>Units delivered.</summary>
    public int Delivered { get; set; }

    /// <summary>Units returned.</summary>
    public int Returned { get; set; }

    /// <summary>Units cancelled.</summary>
    public int Cancelled { get; set; }

    /// <summary>Where the line last shipped from (the default return location).</summary>
    public string? ShipLocation { get; set; }

    /// <summary>Units the order's channel reported returned, per location, that no store's POS has reported too.</summary>
    public Dictionary<string, int> ChannelReturnedAt { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Units a store's POS reported returned, per store, that the order's channel has not reported too.</summary>
    public Dictionary<string, int> StoreReturnedAt { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Returned units per disposition.</summary>
    public Dictionary<ReturnDisposition, int> Dispositions { get; set; } = [];

    /// <summary>Every reservation made for the line.</summary>
    public List<AllocationState> Allocations { get; set; } = [];

    /// <summary>Units reserved and not shipped.</summary>
    public int Allocated => Allocations.Where(a => a.Status == AllocationStatus.Active).Sum(a => a.Quantity);

    /// <summary>Units neither shipped nor cancelled.</summary>
    public int Open => Quantity - Cancelled - Shipped;

    /// <summary>Open units without a reservation.</summary>
    public int Unallocated => Open - Allocated;
}

/// <summary>A reservation made for a line.</summary>
public sealed class AllocationState
{
    /// <summary>The position's reservation id.</summary>
    public string ReservationId { get; set; } = "";

    /// <summary>Where.</summary>
    public string LocationId { get; set; } = "";

    /// <summary>Units.</summary>
    public int Quantity { get; set; }

    /// <summary>Version of the sourcing rules that chose it.</summary>
    public string RuleVersion { get; set; } = "";

    /// <summary>Where it stands.</summary>
    public AllocationStatus Status { get; set; } = AllocationStatus.Active;
}
