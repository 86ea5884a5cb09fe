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

    /// <inheritdoc />
    public Task<bool> HoldsReservationAsync(string reservationId) =>
        Task.FromResult(TentativeState.FindAllocation(reservationId) is { Allocation.Status: AllocationStatus.Active });

    // Sources the demand under the current rule set and reserves it; what no location takes is backordered.
    // A crash between a position's Reserved and this order's LinesAllocated leaves holds only the position knows, and
    // the retry's ATS no longer counts them. So the ATS read also asks each position what it holds for this cause (same
    // round trip, a lookup by order at the position): the retry adopts those holds first, re-issuing their request ids
    // (answered from memory once durable), gives back any the demand no longer needs, and plans the rest from ATS under
    // request ids the position never decided, so the remembered outcome of an ended hold is never taken for a new one.
    // A first attempt finds nothing held and makes the same calls as before; nothing extra is journaled.
    private async Task<IReadOnlyList<LineQuantity>> AllocateAsync(string causeId, IReadOnlyList<SourcingDemand> demand)
    {
        var rules = _options.Sourcing;
        var locations = rules.LocationsFor(Channel);
        var prefix = $"{Key}|{causeId}|";
        var reads = new Dictionary<(string Sku, string Location), (List<string> LineIds, Task<AvailabilityWithHolds> Read)>();
        foreach (var bySku in demand.GroupBy(d => d.Sku, StringComparer.Ordinal))
        {
            var lineIds = bySku.Select(d => d.LineId).ToList();
            foreach (var location in locations)
            {
                reads[(bySku.Key, location)] = (lineIds, PositionOf(bySku.Key, location).GetAvailableToSellWithHoldsAsync(
                    new HoldsQuery(Channel, Key, prefix, lineIds.Select(lineId => $"{prefix}{lineId}@{location}").ToList())));
            }
        }

        await Task.WhenAll(reads.Values.Select(r => r.Read));
        var available = new Dictionary<(string Sku, string Location), int>();
        var fresh = new Dictionary<(string LineId, string Location), string>();
        foreach (var ((sku, location), (lineIds, read)) in reads)
        {
            available[(sku, location)] = read.Result.AvailableToSell;
            for (var i = 0; i < lineIds.Count; i++)
            {
                fresh[(lineIds[i], location)] = read.Result.FreshRequestIds[i];
            }
        }

        // What an earlier attempt of this cause holds is adopted up to each line's demand, most preferred location first;
        // a hold the demand no longer needs whole is given back and its units count as available again.
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var d in demand)
        {
            remaining[d.LineId] = remaining.GetValueOrDefault(d.LineId) + d.Quantity;
        }

        var adopted = new List<(SourcingPick Pick, string RequestId)>();
        var unneeded = new List<(string Sku, string Location, ReservationInfo Hold)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var location in locations)
        {
            foreach (var ((sku, at), (_, read)) in reads)
            {
                if (at != location)
                {
                    continue;
                }

                foreach (var hold in read.Result.Held.OrderBy(h => h.RequestId, StringComparer.Ordinal))
                {
                    var lineId = LineOfRequest(prefix, hold.RequestId);
                    if (lineId is not null && demand.Any(d => d.LineId == lineId && d.Sku == sku) && remaining[lineId] >= hold.Quantity)
                    {
                        adopted.Add((new SourcingPick(lineId, sku, location, hold.Quantity), hold.RequestId));
                        remaining[lineId] -= hold.Quantity;
                        used.Add(location);
                    }
                    else
                    {
                        unneeded.Add((sku, location, hold));
                        available[(sku, location)] += hold.Quantity;
                    }
                }
            }
        }

        await Task.WhenAll(unneeded.Select(u => PositionOf(u.Sku, u.Location)
            .ReleaseAsync($"{u.Hold.RequestId}|unneeded", u.Hold.ReservationId, $"order {Key} no longer needs it")));

        // Locations adopted count as splits already; with none left, only they may take more.
        var rest = demand.Select(d => d with { Quantity = Math.Max(0, remaining[d.LineId]) }).ToList();
        var splitsLeft = rules.MaxSplits - used.Count;
        var plan = used.Count == 0
            ? OrderSourcing.Plan(rest, locations, rules.MaxSplits, (sku, location) => available[(sku, location)])
            : splitsLeft > 0
                ? OrderSourcing.Plan(rest, locations, splitsLeft, (sku, location) => available[(sku, location)])
                : OrderSourcing.Plan(rest, locations.Where(used.Contains).ToList(), used.Count, (sku, location) => available[(sku, location)]);

        var reserves = adopted
            .Concat(plan.Picks.Select(pick => (Pick: pick, RequestId: fresh[(pick.LineId, pick.LocationId)])))
            .Select(p => (p.Pick, Outcome: PositionOf(p.Pick.Sku, p.Pick.LocationId).ReserveAsync(new ReserveRequest(
                p.RequestId, Channel, Key, ReservationKind.Order, [new ReserveLine(p.Pick.Sku, p.Pick.LocationId, p.Pick.Quantity)]))))
            .ToList();
        await Task.WhenAll(reserves.Select(r => r.Outcome));

        var allocations = new List<Allocation>();
        var backordered = plan.Backordered.ToDictionary(b => b.LineId, b => b.Quantity, StringComparer.Ordinal);
        foreach (var (pick, task) in reserves)
        {
            var outcome = task.Result;
            if (outcome.IsAccepted)
            {
                allocations.Add(new Allocation(pick.LineId, pick.LocationId, outcome.Quantity, outcome.ReservationId!));
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

    private IInventoryPositionGrain PositionOf(string sku, string locationId) =>
        GrainFactory.GetGrain<IInventoryPositionGrain>(new PositionKey(sku, locationId).ToString());

    // "{order}|{cause}|{line}@{location}[~n]" → line; null for a request id of another shape.
    private static string? LineOfRequest(string prefix, string requestId)
    {
        var at = requestId.LastIndexOf('@');
        return at > prefix.Length ? requestId[prefix.Length..at] : null;
    }

    // Re-issues the same request id without reading ATS first, so a retry after a crash is answered with what its first
    // attempt reserved: no hold is left behind here.
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
