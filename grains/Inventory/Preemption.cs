using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// Chooses the reservations to take back when OnHand is about to fall (or the policy tightens) so that,
/// once the movement and the preemptions are folded, the invariants hold again. Within each rule the
/// victims go lowest priority (highest tier number) first and newest first within a tier; rules are
/// restored in the order caps, SafetyStock headroom, Reserved ≤ OnHand, each taking only what it needs.
/// A channel over its cap loses only its own reservations, since no other channel's would help.
/// Not on the reserve path: LINQ is acceptable here.
/// </summary>
internal static class Preemption
{
    public static List<ReservationPreempted>? Select(
        InventoryPositionState state, ChannelPolicy policy, int onHandAfter, PreemptionCause cause, string? excluded = null)
    {
        ActiveReservation? leaving = null;
        if (excluded is not null)
        {
            state.TryGetReservation(excluded, out leaving!);
        }

        var byChannel = new Dictionary<string, int>(state.ReservedByChannel, StringComparer.Ordinal);
        if (leaving is not null)
        {
            byChannel[leaving.ChannelId] -= leaving.Quantity;
        }

        var reserved = state.Reserved - (leaving?.Quantity ?? 0);
        var high = 0;
        var overCap = false;
        foreach (var (channel, units) in byChannel)
        {
            var rule = policy.RuleFor(channel);
            high += rule.Tier > policy.ProtectedTier ? units : 0;
            overCap |= rule.Cap is not null && units > rule.Cap.LimitFor(onHandAfter);
        }

        var headroom = Math.Max(0, onHandAfter - policy.SafetyStock);
        if (reserved <= onHandAfter && high <= headroom && !overCap)
        {
            return null;
        }

        var candidates = state.Reservations
            .Where(r => !ReferenceEquals(r, leaving))
            .OrderByDescending(r => policy.TierOf(r.ChannelId))
            .ThenByDescending(r => r.Sequence)
            .ToList();
        var chosen = new List<ReservationPreempted>();
        var taken = new HashSet<string>(StringComparer.Ordinal);

        void Take(ActiveReservation r)
        {
            taken.Add(r.Id);
            chosen.Add(new ReservationPreempted(r.Id, r.ChannelId, r.OrderRef, r.Quantity, cause));
            reserved -= r.Quantity;
            byChannel[r.ChannelId] -= r.Quantity;
            if (policy.IsSafetyStockExcluded(r.ChannelId))
            {
                high -= r.Quantity;
            }
        }

        foreach (var channel in byChannel.Keys.ToList())
        {
            if (policy.RuleFor(channel).Cap is not { } cap)
            {
                continue;
            }

            var limit = cap.LimitFor(onHandAfter);
            foreach (var r in candidates)
            {
                if (byChannel[channel] <= limit)
                {
                    break;
                }

                if (r.ChannelId == channel)
                {
                    Take(r);
                }
            }
        }

        foreach (var r in candidates)
        {
            if (high <= headroom)
            {
                break;
            }

            if (!taken.Contains(r.Id) && policy.IsSafetyStockExcluded(r.ChannelId))
            {
                Take(r);
            }
        }

        foreach (var r in candidates)
        {
            if (reserved <= onHandAfter)
            {
                break;
            }

            if (!taken.Contains(r.Id))
            {
                Take(r);
            }
        }

        return chosen;
    }
}
