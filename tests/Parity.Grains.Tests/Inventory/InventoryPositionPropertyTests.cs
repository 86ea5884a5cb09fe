using FsCheck.Xunit;
using Parity.GrainInterfaces.Inventory;
using Parity.Grains.Inventory;

namespace Parity.Grains.Tests.Inventory;

/// <summary>
/// Random operations from random channels under random (and changing) policies. After every step: the
/// invariants hold, the position equals the naive <see cref="ReferencePosition"/>, and folding the ledger
/// from scratch gives the same state as living through it.
/// </summary>
public sealed class InventoryPositionPropertyTests
{
    private static readonly PositionKey Key = new("SKU-P", "LOC-P");

    [Property(Arbitrary = [typeof(InventoryArbitraries)], MaxTest = 300, EndSize = 120)]
    public void RandomOperations_KeepInvariants_MatchReference_AndReplayEqualsLive(InventoryScenario scenario)
    {
        var run = new Run(scenario.Policy.ToPolicy(1));
        for (var step = 0; step < scenario.Ops.Count; step++)
        {
            var op = scenario.Ops[step];
            try
            {
                run.Step(op);
                run.Verify();
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException($"Step {step}: {op}{Environment.NewLine}{ex.Message}", ex);
            }
        }
    }

    private sealed class Run
    {
        private readonly InventoryPositionState _state = new(Key);
        private readonly List<InventoryEvent> _ledger = [];
        private readonly HashSet<string> _requestIds = [];
        private ReferencePosition _reference;
        private ChannelPolicy _policy;
        private DateTimeOffset _now = TestPosition.T0;

        public Run(ChannelPolicy policy)
        {
            _policy = policy;
            _reference = new ReferencePosition(policy);
            Raise(InventoryPositionDecider.ApplyPolicy(_state, policy));
        }

        public void Step(InventoryOp op)
        {
            switch (op)
            {
                case ReserveOp reserve:
                    Reserve(reserve);
                    break;
                case ReleaseOp release when Pick(release.Pick) is { } requestId:
                    var released = Raise(InventoryPositionDecider.Release(_state, ReservationIdOf(requestId), "released"));
                    Assert.True(released.Released);
                    Assert.True(_reference.End(requestId));
                    break;
                case ShipOp ship when Pick(ship.Pick) is { } requestId:
                    Movement(InventoryPositionDecider.Ship(_state, _policy, ReservationIdOf(requestId), "SHIP"), _reference.Ship(requestId));
                    break;
                case TickOp tick:
                    _now = _now.AddMinutes(tick.Minutes);
                    var expiry = InventoryPositionDecider.ExpireDue(_state, _now);
                    var expired = expiry.Result.Select(e => RequestOf(e.ReservationId)).ToList();
                    Raise(expiry);
                    Assert.Equal(_reference.Expire(_now).Order(), expired.Order());
                    Assert.True(_state.NextExpiry is null || _state.NextExpiry > _now);
                    break;
                case SaleOp sale:
                    var (preempted, shortfall) = _reference.Sell(sale.Quantity);
                    var result = Movement(InventoryPositionDecider.RecordStoreSale(_state, _policy, sale.Quantity, "T"), preempted);
                    Assert.Equal(shortfall, result.NegativeStock?.Shortfall ?? 0);
                    break;
                case StoreReturnOp storeReturn:
                    Raise(InventoryPositionDecider.RecordStoreReturn(_state, storeReturn.Quantity, "T"));
                    _reference.StoreReturn(storeReturn.Quantity);
                    break;
                case AdjustOp adjust:
                    Movement(InventoryPositionDecider.Adjust(_state, _policy, adjust.Counted, "count"), _reference.Adjust(adjust.Counted));
                    break;
                case ExpectIncomingOp expect:
                    Raise(InventoryPositionDecider.ExpectIncoming(_state, expect.Quantity, $"PO-{expect.PoNo}"));
                    _reference.ExpectIncoming(expect.Quantity, $"PO-{expect.PoNo}");
                    break;
                case ReceiveOp receive:
                    var po = receive.PoNo is { } no ? $"PO-{no}" : null;
                    Raise(InventoryPositionDecider.Receive(_state, receive.Quantity, po));
                    _reference.Receive(receive.Quantity, po);
                    break;
                case DamageOp damage:
                    Refusable(() => InventoryPositionDecider.RecordDamage(_state, _policy, damage.Quantity, "d"), _reference.Damage(damage.Quantity));
                    break;
                case MoveToQualityControlOp toQc:
                    Refusable(() => InventoryPositionDecider.MoveToQualityControl(_state, _policy, toQc.Quantity, "qc"), _reference.MoveToQualityControl(toQc.Quantity));
                    break;
                case ReleaseFromQualityControlOp fromQc:
                    Refusable(() => InventoryPositionDecider.ReleaseFromQualityControl(_state, fromQc.Quantity, fromQc.Outcome),
                        _reference.ReleaseFromQualityControl(fromQc.Quantity, fromQc.Outcome) ? [] : null);
                    break;
                case TransferOutOp transferOut:
                    Refusable(() => InventoryPositionDecider.TransferOut(_state, _policy, "TR-OUT", transferOut.Quantity, "ELSEWHERE"), _reference.TransferOut(transferOut.Quantity));
                    break;
                case TransferInboundOp inbound:
                    Raise(InventoryPositionDecider.AnnounceTransferIn(_state, $"TR-{inbound.TransferNo}", inbound.Quantity, "DC"));
                    _reference.TransferInbound($"TR-{inbound.TransferNo}", inbound.Quantity);
                    break;
                case TransferInOp transferIn:
                    Raise(InventoryPositionDecider.ReceiveTransfer(_state, $"TR-{transferIn.TransferNo}", transferIn.Quantity, "DC"));
                    _reference.TransferIn($"TR-{transferIn.TransferNo}", transferIn.Quantity);
                    break;
                case ReturnOp ret:
                    Raise(InventoryPositionDecider.ReceiveReturn(_state, $"RMA-{ret.ReturnNo}", ret.Quantity, ret.Disposition));
                    _reference.ReceiveReturn($"RMA-{ret.ReturnNo}", ret.Quantity, ret.Disposition);
                    break;
                case ProcessReturnOp process:
                    Refusable(() => InventoryPositionDecider.ProcessReturn(_state, $"RMA-{process.ReturnNo}", process.Quantity, process.Outcome),
                        _reference.ProcessReturn($"RMA-{process.ReturnNo}", process.Quantity, process.Outcome) ? [] : null);
                    break;
                case PolicyOp change:
                    _policy = change.Policy.ToPolicy(_policy.Version + 1);
                    Movement(InventoryPositionDecider.ApplyPolicy(_state, _policy), _reference.SetPolicy(_policy));
                    break;
            }
        }

        public void Verify()
        {
            Assert.Empty(InventoryInvariants.Check(_state, _policy));

            Assert.Equal(
                (_reference.OnHand, _reference.Damaged, _reference.QualityControl, _reference.Reserved, _reference.Incoming, _reference.InTransit, _policy.SafetyStock),
                (_state.OnHand, _state.Damaged, _state.QualityControl, _state.Reserved, _state.Incoming, _state.InTransit, _state.SafetyStock));
            Assert.Equal(
                _reference.Active.Select(r => (r.RequestId, r.Channel, r.Quantity, r.ExpiresAt, r.PolicyVersion)),
                _state.Reservations.OrderBy(r => r.Sequence).Select(r => (r.RequestId, r.ChannelId, r.Quantity, r.ExpiresAt, r.PolicyVersion)));
            Assert.Equal(_reference.Active.Min(r => r.ExpiresAt), _state.NextExpiry);

            var replayed = new InventoryPositionState(Key);
            foreach (var e in _ledger)
            {
                replayed.Apply(e);
            }

            Assert.Equal(_state.ToFigures(), replayed.ToFigures());
            Assert.Equal(_state.Reservations.OrderBy(r => r.Sequence), replayed.Reservations.OrderBy(r => r.Sequence));
            Assert.Equal(_state.CartsByExpiry, replayed.CartsByExpiry);
            Assert.Equal(_state.NextReservationSequence, replayed.NextReservationSequence);
            Assert.Equal(_state.ReturnsAwaitingProcessing, replayed.ReturnsAwaitingProcessing);
            foreach (var requestId in _requestIds)
            {
                Assert.True(_state.TryGetOutcome(requestId, out var live));
                Assert.True(replayed.TryGetOutcome(requestId, out var folded));
                Assert.Equal(live, folded);
            }
        }

        private void Reserve(ReserveOp op)
        {
            var requestId = $"r{op.RequestNo}";
            var channel = $"c{op.Channel}";
            var lines = op.Lines.Select(q => new ReserveLine(Key.Sku, Key.LocationId, q)).ToList();
            if (op.ForeignLine)
            {
                lines.Add(new ReserveLine(Key.Sku, "OTHER-LOC", 5));
            }

            var outcome = Raise(InventoryPositionDecider.Reserve(
                _state, new ReserveRequest(requestId, channel, $"order-{requestId}", op.Kind, lines), _policy, _now));
            var expected = _reference.Reserve(requestId, channel, op.Kind, op.Lines.Sum(), _now);
            _requestIds.Add(requestId);

            Assert.Equal(expected, (outcome.Status, outcome.Quantity, outcome.Reason));
        }

        private MovementResult Movement(InventoryDecision<MovementResult> decision, List<string> expectedPreempted)
        {
            // Map reservation ids to request ids before the fold forgets them.
            var preempted = decision.Result.Preempted.Select(p => RequestOf(p.ReservationId)).ToList();
            var result = Raise(decision);
            Assert.Equal(expectedPreempted.Order(), preempted.Order());
            return result;
        }

        private void Refusable(Func<InventoryDecision<MovementResult>> decide, List<string>? expectedPreempted)
        {
            if (expectedPreempted is null)
            {
                Assert.Throws<InsufficientStockException>(() => decide());
                return;
            }

            Movement(decide(), expectedPreempted);
        }

        private TResult Raise<TResult>(InventoryDecision<TResult> decision)
        {
            foreach (var e in decision.Events)
            {
                _state.Apply(e);
                _ledger.Add(e);
            }

            return decision.Result;
        }

        private string? Pick(int pick) =>
            _reference.Active.Count == 0 ? null : _reference.Active[pick % _reference.Active.Count].RequestId;

        private string ReservationIdOf(string requestId) => _state.Reservations.Single(r => r.RequestId == requestId).Id;

        private string RequestOf(string reservationId)
        {
            Assert.True(_state.TryGetReservation(reservationId, out var reservation), $"{reservationId} is not active");
            return reservation.RequestId;
        }
    }
}
