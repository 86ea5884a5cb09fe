using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

public sealed partial class InventoryPositionState
{
    /// <summary>The state as a snapshot; restoring it with <see cref="FromSnapshot"/> gives an equal state.</summary>
    public InventoryPositionSnapshot ToSnapshot()
    {
        var reservations = _reservations.Values.OrderBy(r => r.Sequence).ToList();
        var retired = new List<ReservationOutcome>(_retiredRequests.Count);
        foreach (var requestId in _retiredRequests)
        {
            // A retired id can be re-decided after it was forgotten; only the outcome still held counts.
            if (_outcomes.TryGetValue(requestId, out var outcome) && !IsActiveRequest(requestId))
            {
                retired.Add(outcome);
            }
        }

        return new InventoryPositionSnapshot(
            Position.Sku, Position.LocationId, Version, OnHand, Damaged, QualityControl, Incoming, InTransit, SafetyStock,
            PolicyVersion, HasPolicy, NextReservationSequence, SoldBeyondOnHand, ReturnsAwaitingProcessing, OutcomeRetention,
            reservations, retired,
            new Dictionary<string, int>(_incomingByReference, StringComparer.Ordinal),
            new Dictionary<string, int>(_inTransitByTransfer, StringComparer.Ordinal),
            new Dictionary<string, int>(_awaitingProcessingByReturn, StringComparer.Ordinal));
    }

    /// <summary>Restores a state written by <see cref="ToSnapshot"/>.</summary>
    public static InventoryPositionState FromSnapshot(InventoryPositionSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var state = new InventoryPositionState(new PositionKey(snapshot.Sku, snapshot.LocationId), snapshot.OutcomeRetention)
        {
            Version = snapshot.Version,
            OnHand = snapshot.OnHand,
            Damaged = snapshot.Damaged,
            QualityControl = snapshot.QualityControl,
            Incoming = snapshot.Incoming,
            InTransit = snapshot.InTransit,
            SafetyStock = snapshot.SafetyStock,
            PolicyVersion = snapshot.PolicyVersion,
            HasPolicy = snapshot.HasPolicy,
            NextReservationSequence = snapshot.NextReservationSequence,
            SoldBeyondOnHand = snapshot.SoldBeyondOnHand,
            ReturnsAwaitingProcessing = snapshot.ReturnsAwaitingProcessing,
        };
        foreach (var outcome in snapshot.RetiredOutcomes)
        {
            state._outcomes[outcome.RequestId] = outcome;
            state._retiredRequests.Enqueue(outcome.RequestId);
        }

        foreach (var r in snapshot.Reservations)
        {
            state._reservations.Add(r.Id, r);
            state.Reserved += r.Quantity;
            Add(state._reservedByChannel, r.ChannelId, r.Quantity);
            if (r.ExpiresAt is not null)
            {
                state._cartsByExpiry.Add(r);
            }

            state.AddOrderHold(r);

            state._outcomes[r.RequestId] = new ReservationOutcome(
                r.RequestId, ReservationStatus.Accepted, r.Id, r.Quantity, null, null, r.PolicyVersion);
        }

        Copy(snapshot.IncomingByReference, state._incomingByReference);
        Copy(snapshot.InTransitByTransfer, state._inTransitByTransfer);
        Copy(snapshot.AwaitingProcessingByReturn, state._awaitingProcessingByReturn);
        return state;
    }

    private bool IsActiveRequest(string requestId) =>
        _outcomes.TryGetValue(requestId, out var outcome) && outcome.ReservationId is { } id && _reservations.ContainsKey(id);

    private static void Copy(IReadOnlyDictionary<string, int> from, Dictionary<string, int> to)
    {
        foreach (var (key, value) in from)
        {
            to[key] = value;
        }
    }
}
