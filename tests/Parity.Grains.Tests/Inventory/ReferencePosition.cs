using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Tests.Inventory;

/// <summary>
/// A deliberately naive model of domain.md's inventory position for the property tests: plain lists,
/// every figure recomputed by summing, preemption by re-checking all rules after each single victim.
/// It shares no code with the production fold or decider beyond reading the policy's data.
/// </summary>
internal sealed class ReferencePosition
{
    private readonly Dictionary<string, int> _incoming = [];
    private readonly Dictionary<string, int> _inTransit = [];
    private readonly Dictionary<string, int> _awaitingProcessing = [];

    public ReferencePosition(ChannelPolicy policy) => Policy = policy;

    public ChannelPolicy Policy { get; private set; }

    public int OnHand { get; private set; }

    public int Damaged { get; private set; }

    public int QualityControl { get; private set; }

    public int Incoming => _incoming.Values.Sum();

    public int InTransit => _inTransit.Values.Sum();

    public List<RefReservation> Active { get; } = [];

    public Dictionary<string, (ReservationStatus Status, int Quantity, RejectionReason? Reason)> Outcomes { get; } = [];

    public int Reserved => Active.Sum(r => r.Quantity);

    public List<string> SetPolicy(ChannelPolicy policy)
    {
        Policy = policy;
        return Preempt();
    }

    public (ReservationStatus Status, int Quantity, RejectionReason? Reason) Reserve(
        string requestId, string channel, ReservationKind kind, int demand, DateTimeOffset now)
    {
        if (Outcomes.TryGetValue(requestId, out var original))
        {
            return original;
        }

        var tier = TierOf(channel);
        var general = Math.Max(0, OnHand - Reserved - (tier > Policy.ProtectedTier ? Policy.SafetyStock : 0));
        var cap = CapOf(channel);
        var ats = cap is null ? general : Math.Min(general, Math.Max(0, cap.Value - Active.Where(r => r.Channel == channel).Sum(r => r.Quantity)));

        (ReservationStatus, int, RejectionReason?) outcome;
        if (demand == 0)
        {
            outcome = (ReservationStatus.Rejected, 0, RejectionReason.NoLinesForPosition);
        }
        else if (demand > general)
        {
            outcome = (ReservationStatus.Rejected, demand, RejectionReason.InsufficientStock);
        }
        else if (demand > ats)
        {
            outcome = (ReservationStatus.Rejected, demand, RejectionReason.CapExceeded);
        }
        else
        {
            var ttl = Policy.Channels.TryGetValue(channel, out var rule) && rule.CartTtl is { } own ? own : Policy.DefaultCartTtl;
            Active.Add(new RefReservation(requestId, channel, demand, kind == ReservationKind.Cart ? now + ttl : null, Policy.Version));
            outcome = (ReservationStatus.Accepted, demand, null);
        }

        Outcomes[requestId] = outcome;
        return outcome;
    }

    public bool End(string requestId) => Active.RemoveAll(r => r.RequestId == requestId) == 1;

    public List<string> Ship(string requestId)
    {
        var reservation = Active.Single(r => r.RequestId == requestId);
        Active.Remove(reservation);
        OnHand -= reservation.Quantity;
        return Preempt();
    }

    public List<string> Expire(DateTimeOffset now)
    {
        var due = Active.Where(r => r.ExpiresAt <= now).Select(r => r.RequestId).ToList();
        Active.RemoveAll(r => r.ExpiresAt <= now);
        return due;
    }

    public (List<string> Preempted, int Shortfall) Sell(int quantity)
    {
        var shortfall = Math.Max(0, quantity - OnHand);
        OnHand = Math.Max(0, OnHand - quantity);
        return (Preempt(), shortfall);
    }

    public List<string> Adjust(int counted)
    {
        OnHand = counted;
        return Preempt();
    }

    public void Receive(int quantity, string? reference)
    {
        OnHand += quantity;
        if (reference is not null && _incoming.TryGetValue(reference, out var expected))
        {
            _incoming[reference] = expected - Math.Min(expected, quantity);
        }
    }

    public void ExpectIncoming(int quantity, string reference) => _incoming[reference] = _incoming.GetValueOrDefault(reference) + quantity;

    public void StoreReturn(int quantity) => OnHand += quantity;

    /// <summary>Null when the movement is refused.</summary>
    public List<string>? Damage(int quantity)
    {
        if (quantity > OnHand)
        {
            return null;
        }

        OnHand -= quantity;
        Damaged += quantity;
        return Preempt();
    }

    public List<string>? MoveToQualityControl(int quantity)
    {
        if (quantity > OnHand)
        {
            return null;
        }

        OnHand -= quantity;
        QualityControl += quantity;
        return Preempt();
    }

    public bool ReleaseFromQualityControl(int quantity, QualityControlOutcome outcome)
    {
        if (quantity > QualityControl - _awaitingProcessing.Values.Sum())
        {
            return false;
        }

        QualityControl -= quantity;
        Route(quantity, outcome);
        return true;
    }

    public List<string>? TransferOut(int quantity)
    {
        if (quantity > OnHand - Reserved)
        {
            return null;
        }

        OnHand -= quantity;
        return Preempt();
    }

    public void TransferInbound(string transferId, int quantity) => _inTransit[transferId] = _inTransit.GetValueOrDefault(transferId) + quantity;

    public void TransferIn(string transferId, int quantity)
    {
        OnHand += quantity;
        _inTransit[transferId] = _inTransit.GetValueOrDefault(transferId) - Math.Min(quantity, _inTransit.GetValueOrDefault(transferId));
    }

    public void ReceiveReturn(string returnRef, int quantity, ReturnDisposition disposition)
    {
        if (disposition == ReturnDisposition.Restock)
        {
            OnHand += quantity;
        }
        else if (disposition == ReturnDisposition.ProcessingRequired)
        {
            QualityControl += quantity;
            _awaitingProcessing[returnRef] = _awaitingProcessing.GetValueOrDefault(returnRef) + quantity;
        }
    }

    public bool ProcessReturn(string returnRef, int quantity, QualityControlOutcome outcome)
    {
        if (quantity > _awaitingProcessing.GetValueOrDefault(returnRef))
        {
            return false;
        }

        _awaitingProcessing[returnRef] -= quantity;
        QualityControl -= quantity;
        Route(quantity, outcome);
        return true;
    }

    private void Route(int quantity, QualityControlOutcome outcome)
    {
        if (outcome == QualityControlOutcome.Restocked)
        {
            OnHand += quantity;
        }
        else
        {
            Damaged += quantity;
        }
    }

    // One victim at a time, re-reading every rule: a channel over its cap gives up its own newest;
    // otherwise the lowest-priority, newest reservation that the broken rule counts.
    private List<string> Preempt()
    {
        var victims = new List<string>();
        while (true)
        {
            RefReservation? victim = null;
            var overCap = Active.Select(r => r.Channel).Distinct()
                .FirstOrDefault(c => CapOf(c) is { } cap && Active.Where(r => r.Channel == c).Sum(r => r.Quantity) > cap);
            if (overCap is not null)
            {
                victim = Active.Where(r => r.Channel == overCap).Last();
            }
            else if (Active.Where(r => TierOf(r.Channel) > Policy.ProtectedTier).Sum(r => r.Quantity) > Math.Max(0, OnHand - Policy.SafetyStock))
            {
                victim = LowestPriorityNewest(Active.Where(r => TierOf(r.Channel) > Policy.ProtectedTier));
            }
            else if (Reserved > OnHand)
            {
                victim = LowestPriorityNewest(Active);
            }

            if (victim is null)
            {
                return victims;
            }

            Active.Remove(victim);
            victims.Add(victim.RequestId);
        }
    }

    private RefReservation LowestPriorityNewest(IEnumerable<RefReservation> among)
    {
        var list = among.ToList();
        var lowest = list.Max(r => TierOf(r.Channel));
        return list.Last(r => TierOf(r.Channel) == lowest);
    }

    private int TierOf(string channel) => Policy.Channels.TryGetValue(channel, out var rule) ? rule.Tier : int.MaxValue;

    private int? CapOf(string channel)
    {
        if (!Policy.Channels.TryGetValue(channel, out var rule) || rule.Cap is null)
        {
            return null;
        }

        return rule.Cap.MaxUnits ?? (int)Math.Floor(rule.Cap.Fraction!.Value * OnHand);
    }
}

internal sealed record RefReservation(string RequestId, string Channel, int Quantity, DateTimeOffset? ExpiresAt, long PolicyVersion);
