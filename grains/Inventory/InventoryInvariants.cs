using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// The invariants of domain.md for an inventory position, checked after every turn and by the property
/// tests. An empty answer means the position is sound under <c>policy</c>.
/// </summary>
public static class InventoryInvariants
{
    /// <summary>Every invariant <paramref name="state"/> breaks under <paramref name="policy"/>.</summary>
    public static IReadOnlyList<InvariantViolation> Check(InventoryPositionState state, ChannelPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        var violations = new List<InvariantViolation>();

        if (state.Reserved > state.OnHand)
        {
            violations.Add(new("Reserved ≤ OnHand", $"Reserved {state.Reserved} > OnHand {state.OnHand}"));
        }

        var high = 0;
        foreach (var (channel, units) in state.ReservedByChannel)
        {
            var rule = policy.RuleFor(channel);
            if (rule.Tier > policy.ProtectedTier)
            {
                high += units;
            }

            if (rule.Cap is { } cap && units > cap.LimitFor(state.OnHand))
            {
                violations.Add(new("each channel's reserved ≤ its cap",
                    $"channel '{channel}' holds {units} > cap {cap.LimitFor(state.OnHand)}"));
            }
        }

        var headroom = Math.Max(0, state.OnHand - policy.SafetyStock);
        if (high > headroom)
        {
            violations.Add(new("reservations of tiers above protectedTier ≤ max(0, OnHand − SafetyStock)",
                $"{high} > max(0, {state.OnHand} − {policy.SafetyStock})"));
        }

        Minimum(violations, "OnHand", state.OnHand);
        Minimum(violations, "Damaged", state.Damaged);
        Minimum(violations, "QualityControl", state.QualityControl);
        Minimum(violations, "Incoming", state.Incoming);
        Minimum(violations, "InTransit", state.InTransit);

        // Reserved is kept as a running figure for speed; it must still be the sum it stands for.
        var sum = 0;
        foreach (var reservation in state.Reservations)
        {
            sum += reservation.Quantity;
        }

        if (sum != state.Reserved)
        {
            violations.Add(new("Reserved = Σ active reservations", $"Reserved {state.Reserved} ≠ Σ {sum}"));
        }

        return violations;
    }

    private static void Minimum(List<InvariantViolation> violations, string figure, int value)
    {
        if (value < 0)
        {
            violations.Add(new($"{figure} ≥ 0", $"{figure} is {value}"));
        }
    }
}
