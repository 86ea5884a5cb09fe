using Parity.Providers.Journal;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.GrainInterfaces.Posting;

namespace Parity.Grains.Orders;

// The whitelist: each event type checks its prerequisite (missing → park), then the lifecycle (refused → typed
// error, nothing changed), then acts. Position calls come after every check, so a refusal never moves stock.
public sealed partial class OrderGrain
{
    private const string WaitsForPlacement = "waits for OrderPlaced";
    private const string WaitsForPayment = "waits for PaymentAuthorized";
    private const string WaitsForShipment = "waits for the shipment of its lines";

    private void ValidatePlacement(PlaceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        Require(!string.IsNullOrWhiteSpace(order.EventId), "eventId is required.");
        Require(!string.IsNullOrWhiteSpace(order.Channel) && !string.IsNullOrWhiteSpace(order.ChannelOrderId), "channel and channelOrderId are required.");
        Require(OrderId.Of(order.Channel, order.ChannelOrderId) == Key, $"The order {OrderId.Of(order.Channel, order.ChannelOrderId)} cannot be placed as {Key}.");
        Require(!string.IsNullOrWhiteSpace(order.Currency), "currency is required.");
        Require(order.Lines is { Count: > 0 }, "An order needs at least one line.");
        Require(order.Lines.Select(l => l.LineId).Distinct(StringComparer.Ordinal).Count() == order.Lines.Count, "Line ids must be unique within the order.");
        foreach (var line in order.Lines)
        {
            Require(!string.IsNullOrWhiteSpace(line.LineId) && !string.IsNullOrWhiteSpace(line.Sku), "Every line needs a lineId and a sku.");
            Require(line.Quantity > 0, $"Line '{line.LineId}' must have a positive quantity.");
            Require(line.UnitPrice >= 0 && line.Discount >= 0 && line.Tax >= 0, $"Line '{line.LineId}' has a negative amount.");
        }

        Require(order.ShippingCharge >= 0, "shippingCharge must not be negative.");
    }

    private void ValidateCommand(OrderCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Require(!string.IsNullOrWhiteSpace(command.EventId), "eventId is required.");
        Require(command.Amount is null or >= 0, "amount must not be negative.");
        foreach (var line in command.Lines ?? [])
        {
            Require(!string.IsNullOrWhiteSpace(line.LineId), "Every event line needs a lineId.");
            Require(line.Quantity > 0, $"Line '{line.LineId}' of the event must have a positive quantity.");
        }

        if (TentativeState.Order is not null && command.Lines is not null)
        {
            foreach (var line in command.Lines)
            {
                Require(TentativeState.Line(line.LineId) is not null, $"Order {Key} has no line '{line.LineId}'.");
            }
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new OrderValidationException(message);
        }
    }

    private void RefuseWhenFinished(OrderCommand command)
    {
        var status = TentativeState.Status;
        // A cancelled order may still give money back (Shopify refunds the payment of a cancelled order) and be closed, and
        // hear of its cancellation once more: Shopify may send a refund that cancels every item before orders/cancelled.
        var lateCancellation = command.Type is OrderEventType.Cancelled && command.Lines is not { Count: > 0 };
        if (status is OrderStatus.Closed
            || (status is OrderStatus.Cancelled && !lateCancellation && command.Type is not (OrderEventType.Closed or OrderEventType.Refunded)))
        {
            throw new OrderTransitionException($"Order {Key} is {status}; a {command.Type} event is not allowed any more.");
        }
    }

    // Null when applied; otherwise why the event must wait.
    private async Task<string?> TryApplyAsync(OrderCommand command)
    {
        if (TentativeState.Order is null)
        {
            return WaitsForPlacement;
        }

        ValidateCommand(command);
        RefuseWhenFinished(command);
        return command.Type switch
        {
            OrderEventType.PaymentAuthorized => await AuthorizeAsync(command),
            OrderEventType.PaymentCaptured => Capture(command),
            OrderEventType.Shipped => await ShipAsync(command),
            OrderEventType.Delivered => Deliver(command),
            OrderEventType.Cancelled => await CancelAsync(command),
            OrderEventType.ReturnReceived => await ReturnAsync(command),
            OrderEventType.Refunded => Refund(command),
            OrderEventType.Exchanged => await ExchangeAsync(command),
            OrderEventType.Closed => Close(command),
            _ => throw new OrderValidationException($"Unknown event type {command.Type}."),
        };
    }

    private async Task<string?> AuthorizeAsync(OrderCommand command)
    {
        if (TentativeState.IsAuthorized)
        {
            throw new OrderTransitionException($"Order {Key} is already authorized; a second authorization '{command.EventId}' is refused.");
        }

        var amount = command.Amount ?? OrderTotal();
        Raise(new PaymentAuthorized(command.EventId, amount, command.Tender, command.Reference));
        await AllocateAsync(command.EventId, TentativeState.Lines.Where(l => l.Open > 0).Select(l => new SourcingDemand(l.LineId, l.Sku, l.Open)).ToList());
        return null;
    }

    private string? Capture(OrderCommand command)
    {
        if (!TentativeState.IsAuthorized)
        {
            return WaitsForPayment;
        }

        var amount = command.Amount ?? TentativeState.Authorized - TentativeState.Captured;
        Require(amount <= TentativeState.Authorized - TentativeState.Captured,
            $"Capturing {amount} exceeds what is authorized and not yet captured ({TentativeState.Authorized - TentativeState.Captured}).");
        Raise(new PaymentCaptured(command.EventId, amount, command.Tender, command.Reference));
        QueueCapture(command, amount);
        return null;
    }

    // Settlement matching needs every capture in the provider's receivables; queued here (journaled with the
    // capture) and handed over after the turn like posting facts, so a missing or failing receivables grain never
    // fails the order.
    private void QueueCapture(OrderCommand command, decimal amount)
    {
        var tender = command.Tender ?? TentativeState.Tender;
        if (OrderState.IsExchangeCredit(tender))
        {
            return; // Exchange credit is money the original order took; no provider will settle it again.
        }

        var provider = _options.ProviderOf(Order.Channel, tender);
        if (provider is null || amount <= 0)
        {
            return;
        }

        // The provider's reference: the capture's, else the placement's tender of that method, else one derived from
        // the order (the settlement then matches by order id through the provider's reference pattern).
        var reference = command.Reference
            ?? Order.Payments?.FirstOrDefault(p => p.Reference is not null && (tender is null || string.Equals(p.Method, tender, StringComparison.OrdinalIgnoreCase)))?.Reference
            ?? $"{Key}/{command.EventId}";
        if (TentativeState.PendingCaptures.Any(c => c.Provider == provider && c.Reference == reference))
        {
            return;
        }

        Raise(new CaptureQueued(new PendingCapture(provider, reference, amount, Order.Currency, command.OccurredAt, command.EventId)));
    }

    private async Task<string?> ShipAsync(OrderCommand command)
    {
        if (!TentativeState.IsAuthorized)
        {
            return WaitsForPayment;
        }

        var wanted = command.Lines is { Count: > 0 }
            ? Sum(command.Lines)
            : TentativeState.Lines.Where(l => l.Allocated > 0).Select(l => new LineQuantity(l.LineId, l.Allocated)).ToList();
        Require(wanted.Count > 0, $"Order {Key} has nothing allocated to ship.");
        foreach (var want in wanted)
        {
            var line = TentativeState.Line(want.LineId)!;
            Require(want.Quantity <= line.Open, $"Line '{line.LineId}' has {line.Open} units left to ship, not {want.Quantity}.");
            var held = ActiveAllocations(line, command.LocationId).Sum(a => a.Quantity);
            if (held < want.Quantity)
            {
                throw new OrderTransitionException(
                    $"Line '{line.LineId}' has {held} units allocated{(command.LocationId is null ? "" : " at " + command.LocationId)}, fewer than the {want.Quantity} shipped; allocate or re-source first.");
            }
        }

        var items = new List<ShippedItem>();
        foreach (var want in wanted)
        {
            var line = TentativeState.Line(want.LineId)!;
            var left = want.Quantity;
            foreach (var allocation in ActiveAllocations(line, command.LocationId).ToList())
            {
                if (left == 0)
                {
                    break;
                }

                var take = Math.Min(left, allocation.Quantity);
                var shipped = take == allocation.Quantity ? allocation : await SplitAsync(line, allocation, take, command.EventId);
                var position = GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(line.Sku, shipped.LocationId).ToString());
                await position.ShipAsync($"{Key}|{command.EventId}|{shipped.ReservationId}", shipped.ReservationId, command.Reference ?? command.EventId);
                items.Add(new ShippedItem(line.LineId, shipped.LocationId, take, shipped.ReservationId));
                left -= take;
            }
        }

        // The facts come from the state before the shipment; the event keeps what they invoice, which later refunds weigh.
        var chargeShipping = !TentativeState.ShippingPosted;
        var @event = new LinesShipped(command.EventId, command.Reference, items);
        var facts = OrderFacts.Shipment(Key, TentativeState, @event, chargeShipping, _options, _costs, Lineage(command.EventId), command.OccurredAt);
        var (invoiced, allowance) = OrderFacts.Invoiced(facts);
        Raise(@event with { Invoiced = invoiced, Allowance = allowance });
        if (_options.PostFacts)
        {
            foreach (var fact in facts)
            {
                Raise(new FactQueued(fact));
            }
        }

        return null;
    }

    private string? Deliver(OrderCommand command)
    {
        if (TentativeState.Lines.Sum(l => l.Shipped) == 0)
        {
            return WaitsForShipment;
        }

        var lines = command.Lines is { Count: > 0 }
            ? Sum(command.Lines)
            : TentativeState.Lines.Where(l => l.Shipped > l.Delivered).Select(l => new LineQuantity(l.LineId, l.Shipped - l.Delivered)).ToList();
        foreach (var l in lines)
        {
            var line = TentativeState.Line(l.LineId)!;
            if (l.Quantity > line.Shipped - line.Delivered)
            {
                if (l.Quantity <= line.Quantity - line.Cancelled - line.Delivered)
                {
                    return WaitsForShipment;
                }

                throw new OrderValidationException($"Line '{line.LineId}' has {line.Shipped - line.Delivered} shipped units not yet delivered, not {l.Quantity}.");
            }
        }

        Require(lines.Count > 0, $"Order {Key} has nothing shipped that is not delivered.");
        Raise(new OrderDelivered(command.EventId, lines));
        return null;
    }

    private async Task<string?> CancelAsync(OrderCommand command)
    {
        if (TentativeState.Status is OrderStatus.Cancelled && command.Lines is not { Count: > 0 })
        {
            return null; // Already cancelled as a whole: nothing is left to cancel, and the event is recorded as applied.
        }

        // The order as a whole cannot be cancelled once a unit shipped; units still open can, when named (Shopify cancels
        // the unfulfilled items of a partly fulfilled order this way: a refund with restock_type "cancel").
        if (command.Lines is not { Count: > 0 } && TentativeState.Lines.Sum(l => l.Shipped) > 0)
        {
            throw new OrderTransitionException(
                $"Order {Key} has shipped units; it can no longer be cancelled as a whole. Name the lines still open to cancel them, or return the shipped units.");
        }

        var lines = command.Lines is { Count: > 0 }
            ? Sum(command.Lines)
            : TentativeState.Lines.Where(l => l.Open > 0).Select(l => new LineQuantity(l.LineId, l.Open)).ToList();
        foreach (var l in lines)
        {
            var line = TentativeState.Line(l.LineId)!;
            Require(l.Quantity <= line.Open, $"Line '{line.LineId}' has {line.Open} units left to cancel, not {l.Quantity}.");
        }

        var reallocate = new List<(LineState Line, string LocationId, int Quantity)>();
        foreach (var l in lines)
        {
            var line = TentativeState.Line(l.LineId)!;

            // Unreserved (backordered) units go first: cancelling them moves no stock.
            var left = l.Quantity - Math.Max(0, line.Unallocated);
            foreach (var allocation in ActiveAllocations(line, null).Reverse().ToList())
            {
                if (left <= 0)
                {
                    break;
                }

                var position = GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(line.Sku, allocation.LocationId).ToString());
                await position.ReleaseAsync($"{Key}|{command.EventId}|{allocation.ReservationId}", allocation.ReservationId, $"order {Key} cancelled");
                Raise(new AllocationEnded(allocation.ReservationId, AllocationStatus.Released, "cancelled"));
                if (allocation.Quantity > left)
                {
                    reallocate.Add((line, allocation.LocationId, allocation.Quantity - left));
                }

                left -= allocation.Quantity;
            }
        }

        Raise(new LinesCancelled(command.EventId, lines, command.Reason));

        // A partly cancelled reservation is given back whole and the kept units reserved again where they were.
        foreach (var (line, locationId, quantity) in reallocate)
        {
            await ReserveAtAsync(line, locationId, quantity, $"{command.EventId}:keep");
        }

        return null;
    }

    private async Task<string?> ReturnAsync(OrderCommand command)
    {
        Require(command.Lines is { Count: > 0 }, "A return needs its lines.");
        if (ReturnPrerequisite(command.Lines!, command.LocationId) is { } wait)
        {
            return wait;
        }

        await RecordReturnAsync(command);
        return null;
    }

    private string? ReturnPrerequisite(IReadOnlyList<OrderCommandLine> lines, string? locationId)
    {
        foreach (var line in lines)
        {
            Require(line.Disposition is not null, $"Returned line '{line.LineId}' needs a disposition (Restock, NotRestocked, ProcessingRequired or Missing).");
        }

        foreach (var l in Sum(lines))
        {
            var line = TentativeState.Line(l.LineId)!;

            // Units a store's POS already reported returned there are these units, not more.
            var quantity = l.Quantity - Math.Min(l.Quantity, line.StoreReturnedAt.GetValueOrDefault(locationId ?? line.ShipLocation ?? ""));
            if (quantity > line.Shipped - line.Returned)
            {
                // Units that may still ship: the return beat its shipment.
                if (quantity <= line.Quantity - line.Cancelled - line.Returned)
                {
                    return WaitsForShipment;
                }

                throw new OrderValidationException($"Line '{line.LineId}' has {line.Shipped - line.Returned} shipped units not yet returned, not {l.Quantity}.");
            }
        }

        return null;
    }

    private async Task RecordReturnAsync(OrderCommand command)
    {
        var items = new List<ReturnedItem>();
        var matched = new Dictionary<string, List<LineQuantity>>(StringComparer.Ordinal);
        string? location = command.LocationId;
        var index = 0;
        foreach (var l in command.Lines!)
        {
            var line = TentativeState.Line(l.LineId)!;

            // Buy online, return in store: the units go back where they were received, not where they shipped from.
            var at = command.LocationId ?? line.ShipLocation ?? throw new OrderValidationException($"Say where line '{line.LineId}' was returned (locationId).");
            location ??= at;

            // Units the store's POS already reported returned there: the same units, restocked and reversed then.
            var reported = line.StoreReturnedAt.GetValueOrDefault(at) - (matched.TryGetValue(at, out var earlier) ? earlier.Where(m => m.LineId == line.LineId).Sum(m => m.Quantity) : 0);
            var same = Math.Min(l.Quantity, Math.Max(0, reported));
            if (same > 0)
            {
                if (earlier is null)
                {
                    matched[at] = earlier = [];
                }

                earlier.Add(new LineQuantity(line.LineId, same));
            }

            var units = l.Quantity - same;
            var eventIndex = index++;
            if (units == 0)
            {
                continue;
            }

            var position = GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(line.Sku, at).ToString());
            await position.ReceiveReturnAsync($"{Key}|{command.EventId}|{eventIndex}", command.Reference ?? $"{Key}|{command.EventId}", units, l.Disposition!.Value);
            items.Add(new ReturnedItem(line.LineId, units, l.Disposition.Value));
        }

        foreach (var (at, lines) in matched)
        {
            Raise(new ChannelReturnMatched(command.EventId, at, lines));
        }

        if (items.Count == 0)
        {
            return;
        }

        var @event = new ReturnRecorded(command.EventId, location!, command.Reference, items,
            OrderFacts.ReturnOwed(Order, items.Select(i => (i.LineId, i.Quantity))));
        Raise(@event);
        if (_options.PostFacts)
        {
            Raise(new FactQueued(OrderFacts.Return(Key, TentativeState, @event, _options, _costs, Lineage(command.EventId), command.OccurredAt)));
        }
    }

    private string? Refund(OrderCommand command)
    {
        if (!TentativeState.IsAuthorized)
        {
            return WaitsForPayment;
        }

        Require(command.Amount is > 0, "A refund needs a positive amount.");
        var paid = TentativeState.Captured > 0 ? TentativeState.Captured : TentativeState.Authorized;
        // Exchange credit given to a replacement paid for it instead of going back to the customer.
        var refundable = paid - TentativeState.Refunded - TentativeState.ExchangeCreditGiven;
        Require(command.Amount!.Value <= refundable,
            $"Refunding {command.Amount} exceeds what was paid and not yet refunded or given as exchange credit ({refundable}).");
        var (forReturns, unshipped, allowance) = OrderFacts.SplitRefund(TentativeState, command.Amount.Value);
        var @event = new RefundRecorded(command.EventId, command.Amount.Value, command.Tender, command.Reference, forReturns, unshipped, allowance);
        Raise(@event);

        // Money is booked when units ship (the sale debits the tender's clearing), not when it is captured. Handing back
        // money for units never shipped (cancelled, or not yet sent) posts nothing: the books never took it in, and the
        // provider's settlement nets the charge and its refund on clearing by itself. Only what pays back a return, or is
        // given back for goods shipped and kept, posts (OrderFacts.SplitRefund).
        if (_options.PostFacts)
        {
            var location = command.LocationId ?? TentativeState.LastShipLocation ?? TentativeState.Lines.SelectMany(l => l.Allocations).Select(a => a.LocationId).FirstOrDefault() ?? "unassigned";
            if (OrderFacts.Refund(Key, TentativeState, @event, location, _options, Lineage(command.EventId), command.OccurredAt) is { } fact)
            {
                Raise(new FactQueued(fact));
            }
        }

        return null;
    }

    // The returned units' value (what the customer paid for them, OrderFacts.ReturnOwed) pays the replacement as exchange
    // credit, up to its total; a replacement that costs more is paid the difference by the exchange's own payment (amount,
    // tender, reference), one that costs less leaves the rest owed on this order for a Refunded event to pay back.
    private async Task<string?> ExchangeAsync(OrderCommand command)
    {
        var replacement = command.Replacement ?? throw new OrderValidationException("An exchange needs its replacement order.");
        Require(replacement.Channel == Channel,
            $"'replacement.channel' must be the order's channel '{Channel}'; an exchange cannot place an order of channel '{replacement.Channel}'.");
        var newId = OrderId.Of(replacement.Channel, replacement.ChannelOrderId);
        Require(newId != Key, "The replacement order needs its own channelOrderId.");
        if (command.Lines is { Count: > 0 } && ReturnPrerequisite(command.Lines, command.LocationId) is { } wait)
        {
            return wait;
        }

        // Every check before the first position call: a refused exchange moves no stock.
        var total = OrderTotalOf(replacement);
        var credit = Math.Min(ExchangeCreditOf(command), total);
        var difference = total - credit;
        var tender = command.Tender ?? TentativeState.Tender;
        if (difference > 0)
        {
            Require(command.Amount is null || command.Amount == difference,
                $"'amount' of the exchange is the payment of what the replacement costs beyond the returned units' {credit}: {difference}, not {command.Amount}.");
            Require(tender is not null && !OrderState.IsExchangeCredit(tender),
                $"The replacement costs {difference} more than the returned units; name the 'tender' that pays it.");
        }
        else
        {
            Require(command.Amount is null or 0,
                $"The returned units ({credit} of credit) pay the whole replacement; 'amount' must be 0 or left out, not {command.Amount}. What they owe beyond it is refunded on {Key}.");
        }

        if (command.Lines is { Count: > 0 })
        {
            await RecordReturnAsync(command);
        }

        // Placing and paying are idempotent by their event ids, so a retry after a crash finds the same order, its
        // reservations and its payments, and adds none.
        var eventId = string.IsNullOrWhiteSpace(replacement.EventId) ? $"{command.EventId}:replacement" : replacement.EventId;
        var order = GrainFactory.GetGrain<IOrderGrain>(newId);
        await order.PlaceAsync(replacement with { EventId = eventId, ExchangeOf = Key });

        // Authorized like any order of the channel, which sources and reserves it (backordered where no stock).
        var creditReference = $"{Key}/{command.EventId}";
        await order.ApplyAsync(new OrderCommand($"{eventId}:authorized", OrderEventType.PaymentAuthorized, command.OccurredAt,
            Amount: total, Tender: difference > 0 ? tender : OrderFacts.ExchangeCreditTender,
            Reference: difference > 0 ? command.Reference : creditReference));
        if (credit > 0)
        {
            // The credit is money already taken on this order: captured at once, never sent to a provider's receivables.
            await order.ApplyAsync(new OrderCommand($"{eventId}:exchange-credit", OrderEventType.PaymentCaptured, command.OccurredAt,
                Amount: credit, Tender: OrderFacts.ExchangeCreditTender, Reference: creditReference));
        }

        Raise(new ExchangeLinked(command.EventId, newId, credit));
        return null;
    }

    // What the units this exchange returns owe, as RecordReturnAsync will record them: units a store's POS already
    // reported returned (and refunded at its till) owe nothing here.
    private decimal ExchangeCreditOf(OrderCommand command)
    {
        if (command.Lines is not { Count: > 0 })
        {
            return 0m;
        }

        var units = new List<(string LineId, int Quantity)>();
        foreach (var l in Sum(command.Lines))
        {
            var line = TentativeState.Line(l.LineId)!;
            var at = command.LocationId ?? line.ShipLocation ?? "";
            var quantity = l.Quantity - Math.Min(l.Quantity, Math.Max(0, line.StoreReturnedAt.GetValueOrDefault(at)));
            if (quantity > 0)
            {
                units.Add((line.LineId, quantity));
            }
        }

        var owed = units.Count == 0 ? 0m : OrderFacts.ReturnOwed(Order, units);
        return Math.Max(0, owed);
    }

    private static decimal OrderTotalOf(PlaceOrder order) =>
        order.Lines.Sum(l => l.UnitPrice * l.Quantity - l.Discount + l.Tax) + order.ShippingCharge;

    private string? Close(OrderCommand command)
    {
        var status = TentativeState.Status;
        if (status is not (OrderStatus.Delivered or OrderStatus.PartiallyReturned or OrderStatus.Returned or OrderStatus.Refunded or OrderStatus.Cancelled))
        {
            throw new OrderTransitionException($"Order {Key} is {status}; only a delivered, returned, refunded or cancelled order can be closed.");
        }

        Raise(new OrderClosed(command.EventId));
        return null;
    }

    private static List<LineQuantity> Sum(IReadOnlyList<OrderCommandLine> lines) =>
        lines.GroupBy(l => l.LineId, StringComparer.Ordinal).Select(g => new LineQuantity(g.Key, g.Sum(l => l.Quantity))).ToList();

    private static IEnumerable<AllocationState> ActiveAllocations(LineState line, string? locationId) =>
        line.Allocations.Where(a => a.Status == AllocationStatus.Active && (locationId is null || a.LocationId == locationId));

    private decimal OrderTotal() => OrderTotalOf(Order);

    private FactLineage Lineage(string eventId) =>
        new(ParityRequestContext.CorrelationId ?? "", _source?.SourceSystem ?? Channel, [eventId]);
}
