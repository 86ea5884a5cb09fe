using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;
using static Parity.Grains.Tests.Inventory.Policies;

namespace Parity.Grains.Tests.Inventory;

public sealed class InventoryInvariantsTests
{
    private static readonly DateTimeOffset T0 = TestPosition.T0;

    [Fact]
    public void Check_SoundPosition_HasNoViolation()
    {
        var position = new TestPosition(Standard(safetyStock: 2), onHand: 10);
        position.Reserve("w", Web, 8);

        Assert.Empty(InventoryInvariants.Check(position.State, position.Policy));
    }

    [Fact]
    public void Check_LedgerThatOversells_ReportsEachBrokenRule()
    {
        // Events no decider would raise, folded directly, to prove the checker sees what it must.
        var policy = Standard(safetyStock: 2, marketplaceCap: ChannelCap.Units(1));
        var state = new InventoryPositionState(TestPosition.Key);
        state.Apply(new PolicyApplied(policy.Version, policy.SafetyStock));
        state.Apply(new InventoryReceived(3, 0, null));
        state.Apply(new Reserved("r1", "q1", Marketplace, "o1", 3, ReservationKind.Order, null, 1, T0));
        state.Apply(new Reserved("r2", "q2", Web, "o2", 1, ReservationKind.Order, null, 1, T0));
        state.Apply(new ReleasedFromQualityControl(1, QualityControlOutcome.Damaged));

        var rules = InventoryInvariants.Check(state, policy).Select(v => v.Rule).ToList();

        Assert.Contains("Reserved ≤ OnHand", rules);
        Assert.Contains("reservations of tiers above protectedTier ≤ max(0, OnHand − SafetyStock)", rules);
        Assert.Contains("each channel's reserved ≤ its cap", rules);
        Assert.Contains("QualityControl ≥ 0", rules);
    }
}
