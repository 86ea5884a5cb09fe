using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;

namespace Parity.Grains.Tests.Inventory;

/// <summary>
/// Plays the journaled grain's part in example tests: decides, folds the events into the state, keeps the
/// ledger, and checks the invariants after every turn.
/// </summary>
internal sealed class TestPosition
{
    public static readonly DateTimeOffset T0 = new(2025, 11, 28, 9, 0, 0, TimeSpan.Zero);
    public static readonly PositionKey Key = new("SKU-1", "STORE-1");

    public TestPosition(ChannelPolicy policy, int onHand = 0)
    {
        State = new InventoryPositionState(Key);
        Policy = policy;
        Run(InventoryPositionDecider.ApplyPolicy(State, policy));
        if (onHand > 0)
        {
            Run(InventoryPositionDecider.Receive(State, onHand, null));
        }
    }

    public InventoryPositionState State { get; }

    public ChannelPolicy Policy { get; private set; }

    public List<InventoryEvent> Ledger { get; } = [];

    public TResult Run<TResult>(InventoryDecision<TResult> decision)
    {
        foreach (var e in decision.Events)
        {
            State.Apply(e);
            Ledger.Add(e);
        }

        Assert.Empty(InventoryInvariants.Check(State, Policy));
        return decision.Result;
    }

    public MovementResult UsePolicy(ChannelPolicy policy)
    {
        Policy = policy;
        return Run(InventoryPositionDecider.ApplyPolicy(State, policy));
    }

    public ReservationOutcome Reserve(
        string requestId, string channel, int quantity, ReservationKind kind = ReservationKind.Order, DateTimeOffset? now = null) =>
        Reserve(new ReserveRequest(requestId, channel, $"{channel}:{requestId}", kind, [new ReserveLine(Key.Sku, Key.LocationId, quantity)]), now);

    public ReservationOutcome Reserve(ReserveRequest request, DateTimeOffset? now = null) =>
        Run(InventoryPositionDecider.Reserve(State, request, Policy, now ?? T0));

    public MovementResult Sell(int quantity, string ticket = "T-1") =>
        Run(InventoryPositionDecider.RecordStoreSale(State, Policy, quantity, ticket));

    public int Ats(string channel) => InventoryPositionDecider.AvailableToSell(State, Policy, channel);
}
