using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Parity.Grains.Journaling;
using Parity.Providers.Journal;

namespace Parity.Grains.Orders;

// Bought online, returned in store (BORIS). A store's POS reports the return with the order and line; the till already
// refunded the customer and the store day posts that refund. The order records the return, restocks the units at the
// store (never where they shipped from) and reverses the sale in its own channel. The same units may also be reported
// by the order's channel (ReturnReceived at that store), before or after: whichever report comes second is matched to
// the first and moves no stock and no money.
public sealed partial class OrderGrain
{
    /// <summary>The source system of store returns.</summary>
    private const string PosSourceSystem = "pos";

    /// <inheritdoc />
    public Task<StoreReturnProblem?> CheckStoreReturnAsync(StoreReturn storeReturn)
    {
        ArgumentNullException.ThrowIfNull(storeReturn);
        return Task.FromResult(StoreReturnProblemOf(storeReturn));
    }

    /// <inheritdoc />
    public async Task<OrderOutcome> ReceiveStoreReturnAsync(StoreReturn storeReturn)
    {
        ArgumentNullException.ThrowIfNull(storeReturn);
        Require(!string.IsNullOrWhiteSpace(storeReturn.EventId) && !string.IsNullOrWhiteSpace(storeReturn.StoreId), "A store return needs its event id and store.");
        if (TentativeState.Outcomes.TryGetValue(storeReturn.EventId, out var recorded))
        {
            await ConfirmEvents();
            return recorded;
        }

        if (StoreReturnProblemOf(storeReturn) is { } problem)
        {
            throw problem.Field switch
            {
                StoreReturnField.OrderId when TentativeState.Order is null => new OrderNotFoundException(problem.Message),
                StoreReturnField.OrderId => new OrderTransitionException(problem.Message),
                _ => new OrderValidationException(problem.Message),
            };
        }

        _source = new EventSource(PosSourceSystem, storeReturn.EventId, ParityRequestContext.CausationId);
        var line = TentativeState.Line(storeReturn.LineId)!;
        var matched = Math.Min(storeReturn.Quantity, line.ChannelReturnedAt.GetValueOrDefault(storeReturn.StoreId));
        var units = storeReturn.Quantity - matched;
        if (units > 0)
        {
            var position = GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(line.Sku, storeReturn.StoreId).ToString());
            await position.ReceiveReturnAsync($"{Key}|{storeReturn.EventId}", storeReturn.TicketId, units, storeReturn.Disposition);
        }

        Raise(new StoreReturnRecorded(storeReturn.EventId, storeReturn.StoreId, storeReturn.TicketId, storeReturn.LineId, storeReturn.Quantity, matched, storeReturn.Disposition));
        if (_options.PostFacts && units > 0)
        {
            // Reversed against the original sale (its channel, prices, tax and cost) at the store; the refund owed is
            // paid by the store's till, which the store day posts.
            var reversed = new ReturnRecorded(storeReturn.EventId, storeReturn.StoreId, storeReturn.TicketId, [new ReturnedItem(line.LineId, units, storeReturn.Disposition)]);
            Raise(new FactQueued(OrderFacts.Return(Key, TentativeState, reversed, _options, _costs, Lineage(storeReturn.EventId), storeReturn.OccurredAt)));
        }

        var outcome = Record(storeReturn.EventId, EventDisposition.Applied,
            matched > 0 ? $"{matched} of the {storeReturn.Quantity} units were already reported returned at {storeReturn.StoreId} by channel {Channel}." : null);
        await AfterTurnAsync();
        _metrics.OrderEvent(outcome.Disposition);
        return outcome;
    }

    private StoreReturnProblem? StoreReturnProblemOf(StoreReturn storeReturn)
    {
        if (TentativeState.Order is null)
        {
            return new StoreReturnProblem(StoreReturnField.OrderId, $"No order {Key} is known; check the order number on the customer's receipt.");
        }

        if (TentativeState.Status is OrderStatus.Closed or OrderStatus.Cancelled)
        {
            return new StoreReturnProblem(StoreReturnField.OrderId, $"Order {Key} is {TentativeState.Status}; it takes no returns any more.");
        }

        var line = TentativeState.Line(storeReturn.LineId);
        if (line is null)
        {
            return new StoreReturnProblem(StoreReturnField.LineId,
                $"Order {Key} has no line '{storeReturn.LineId}'; its lines are {string.Join(", ", TentativeState.Lines.Select(l => $"'{l.LineId}' ({l.Sku})"))}.");
        }

        if (!string.Equals(line.Sku, storeReturn.Sku, StringComparison.Ordinal))
        {
            return new StoreReturnProblem(StoreReturnField.Sku, $"Line '{line.LineId}' of order {Key} is SKU {line.Sku}, not {storeReturn.Sku}.");
        }

        var left = line.Shipped - line.Returned;
        var reported = line.ChannelReturnedAt.GetValueOrDefault(storeReturn.StoreId);
        if (storeReturn.Quantity <= 0 || storeReturn.Quantity > left + reported)
        {
            var also = reported > 0 ? $", and {reported} reported returned at {storeReturn.StoreId} by its channel" : "";
            return new StoreReturnProblem(StoreReturnField.Quantity,
                $"Line '{line.LineId}' of order {Key} has {left} shipped unit(s) not yet returned{also}; the store returns {storeReturn.Quantity}.");
        }

        return null;
    }
}
