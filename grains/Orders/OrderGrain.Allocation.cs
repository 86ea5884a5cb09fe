using Parity.GrainInterfaces.Exceptions;
using Parity.GrainInterfaces.Inventory;
using Parity.GrainInterfaces.Orders;
using Orleans.EventSourcing;
using Orleans.Providers;
using Parity.Grains.Journaling;
using Parity.Providers.Journal;

namespace Parity.Grains.Orders;

// Sourcing and reservations. Every reserve, release and ship carries an id derived from the order, the causing
// event and the reservation, so a retried event repeats the same calls and the positions answer from memory.
public sealed partial class OrderGrain
{
    /// <inheritdoc />
    public Task ReservationPreemptedAsync(PositionKey position, ReservationPreempted notice)
    {
        if (TentativeState.FindAllocation(notice.ReservationId) is not { } found)
        {
            // A channel reserved under this ref through the inventory API (a cart, an order Parity never received), or
            // an answer to the order was lost: no order re-sources these units, so a person must tell the channel. Only
            // the latter belongs to an order of Parity and counts in the order exception rate.
            return RaiseExceptionAsync(ExceptionCategory.InsufficientStock, $"Preempted/{notice.OrderRef}/{notice.ReservationId}",
                $"Reservation {notice.ReservationId} of {notice.Quantity} unit(s) for '{notice.OrderRef}' ({notice.ChannelId}) at {position} " +
                $"was taken back ({Describe(notice.Cause)}); no order in Parity holds it, so channel {notice.ChannelId} must be told the units are gone.",
                correlationId: null, [notice.ReservationId], notice.ChannelId,
                TentativeState.Order is null ? TransactionTypes.Reservation : null);
        }

        return ReservationLostAsync(notice.ReservationId, found, AllocationStatus.Preempted, $"preempted at {position} by {notice.Cause}");
    }

    private static string Describe(PreemptionCause cause) => cause switch
    {
        PreemptionCause.StoreSale => "a store sale took the last units",
        PreemptionCause.CycleCount => "a cycle count found fewer units",
        PreemptionCause.Damage => "units were written off as damaged",
        PreemptionCause.QualityControl => "units went to quality control",
        PreemptionCause.PolicyChanged => "the channel policy tightened",
        PreemptionCause.Shipment => "a shipment lowered the stock the channel may use",
        PreemptionCause.TransferOut => "a transfer out lowered the stock the channel may use",
        _ => cause.ToString(),
    };

    /// <inheritdoc />
    public Task ReservationExpiredAsync(PositionKey position, ReservationExpired notice) =>
        // A cart that runs out is normal: an expiry no order holds needs nobody.
        TentativeState.FindAllocation(notice.ReservationId) is { } found
            ? ReservationLostAsync(notice.ReservationId, found, AllocationStatus.Released, $"expired at {position}")
            : Task.CompletedTask;

    // Sources the demand under the current rule set and reserves it; what no location takes is backordered.
    private async Task<IReadOnlyList<LineQuantity>> AllocateAsync(string causeId, IReadOnlyList<SourcingDemand> demand)
    {
        var rules = _options.Sourcing;
        var locations = rules.LocationsFor(Channel);
        var atsTasks = new Dictionary<(string Sku, string Location), Task<int>>();
        foreach (var sku in demand.Select(d => d.Sku).Distinct(StringComparer.Ordinal))
        {
            foreach (var location in locations)
            {
                atsTasks[(sku, location)] = GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(sku, location).ToString())
                    .GetAvailableToSellAsync(Channel);
            }
        }

        await Task.WhenAll(atsTasks.Values);
        var plan = OrderSourcing.Plan(demand, locations, rules.MaxSplits, (sku, location) => atsTasks[(sku, location)].Result);

        var reserves = plan.Picks.Select(pick => (Pick: pick, Outcome: GrainFactory
                .GetGrain<IInventoryPositionGrain>(new PositionKey(pick.Sku, pick.LocationId).ToString())
                .ReserveAsync(new ReserveRequest(
                    $"{Key}|{causeId}|{pick.LineId}@{pick.LocationId}", Channel, Key, ReservationKind.Order,
                    [new ReserveLine(pick.Sku, pick.LocationId, pick.Quantity)]))))
            .ToList();
        await Task.WhenAll(reserves.Select(r => r.Outcome));

        var allocations = new List<Allocation>();
        var backordered = plan.Backordered.ToDictionary(b => b.LineId, b => b.Quantity, StringComparer.Ordinal);
        foreach (var (pick, task) in reserves)
        {
            var outcome = task.Result;
            if (outcome.IsAccepted)
            {
                allocations.Add(new Allocation(pick.LineId, pick.LocationId, pick.Quantity, outcome.ReservationId!));
            }
            else
            {
                // Someone took the stock between the ATS read and the reserve: those units wait like any backorder.
                backordered[pick.LineId] = backordered.GetValueOrDefault(pick.LineId) + pick.Quantity;
            }
        }

        var result = backordered.Select(b => new LineQuantity(b.Key, b.Value)).ToList();
        Raise(new LinesAllocated(causeId, rules.Version, allocations, result));
        return result;
    }

    // Reserves units of one line at one location (kept units of a split or a partial cancellation); backordered if refused.
    private async Task<AllocationState?> ReserveAtAsync(LineState line, string locationId, int quantity, string causeId)
    {
        var outcome = await GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(line.Sku, locationId).ToString())
            .ReserveAsync(new ReserveRequest(
                $"{Key}|{causeId}|{line.LineId}@{locationId}", Channel, Key, ReservationKind.Order,
                [new ReserveLine(line.Sku, locationId, quantity)]));
        if (!outcome.IsAccepted)
        {
            Raise(new LinesAllocated(causeId, _options.Sourcing.Version, [], [new LineQuantity(line.LineId, quantity)]));
            return null;
        }

        Raise(new LinesAllocated(causeId, _options.Sourcing.Version, [new Allocation(line.LineId, locationId, quantity, outcome.ReservationId!)], []));
        return line.Allocations.Find(a => a.ReservationId == outcome.ReservationId);
    }

    // A position ships a reservation whole, so shipping part of one gives it back and reserves the shipped part and
    // the kept part again at the same location.
    private async Task<AllocationState> SplitAsync(LineState line, AllocationState allocation, int take, string eventId)
    {
        var position = GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(line.Sku, allocation.LocationId).ToString());
        var locationId = allocation.LocationId;
        var kept = allocation.Quantity - take;
        await position.ReleaseAsync($"{Key}|{eventId}|split|{allocation.ReservationId}", allocation.ReservationId, "split for a partial shipment");
        Raise(new AllocationEnded(allocation.ReservationId, AllocationStatus.Released, "split for a partial shipment"));
        var shipped = await ReserveAtAsync(line, locationId, take, $"{eventId}:ship:{allocation.ReservationId}")
            ?? throw new OrderTransitionException(
                $"Stock of line '{line.LineId}' at {locationId} was taken while its reservation was split for shipment; the units are backordered.");
        await ReserveAtAsync(line, locationId, kept, $"{eventId}:keep:{allocation.ReservationId}");
        return shipped;
    }

    private async Task ReservationLostAsync(string reservationId, (LineState Line, AllocationState Allocation) found, AllocationStatus status, string reason)
    {
        _source = new EventSource("inventory", reservationId, reservationId);
        var (line, allocation) = found;
        if (allocation.Status == AllocationStatus.Active)
        {
            Raise(new AllocationEnded(reservationId, status, reason));
            if (TentativeState.Status is not (OrderStatus.Cancelled or OrderStatus.Closed) && line.Unallocated > 0)
            {
                await AllocateAsync($"lost:{reservationId}", [new SourcingDemand(line.LineId, line.Sku, line.Unallocated)]);
            }
        }

        // Also on a repeated notice: the position retries until this call succeeds, and the queue collapses repeats.
        if (allocation.Status != AllocationStatus.Shipped && TentativeState.Status is not (OrderStatus.Cancelled or OrderStatus.Closed) && line.Unallocated > 0)
        {
            await RaiseExceptionAsync(ExceptionCategory.InsufficientStock, $"Backorder/{Key}/{line.LineId}",
                $"Order {Key} lost reservation {reservationId} of line '{line.LineId}' ({line.Sku}, {reason}) and no location of channel {Channel} has stock for the {line.Unallocated} units now backordered.",
                ParityRequestContext.CorrelationId, [reservationId]);
        }

        await AfterTurnAsync();
    }
}
