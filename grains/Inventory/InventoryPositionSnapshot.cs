using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>
/// An <see cref="InventoryPositionState"/> in a JSON-friendly shape, for journal snapshots. Running figures
/// derived from the reservations (Reserved, per-channel reserved, cart expiry order) are not stored; they are
/// recomputed on restore.
/// </summary>
/// <param name="Sku">The position's SKU.</param>
/// <param name="LocationId">The position's location.</param>
/// <param name="Version">Events folded.</param>
/// <param name="OnHand">Sellable units.</param>
/// <param name="Damaged">Damaged units.</param>
/// <param name="QualityControl">Units in QualityControl.</param>
/// <param name="Incoming">Incoming units.</param>
/// <param name="InTransit">InTransit units.</param>
/// <param name="SafetyStock">SafetyStock of the policy applied.</param>
/// <param name="PolicyVersion">Version of the policy applied.</param>
/// <param name="HasPolicy">Whether a policy was applied.</param>
/// <param name="NextReservationSequence">Sequence of the next reservation.</param>
/// <param name="SoldBeyondOnHand">Σ NegativeStock shortfalls.</param>
/// <param name="ReturnsAwaitingProcessing">Units of returns awaiting processing.</param>
/// <param name="OutcomeRetention">Ended or rejected outcomes kept.</param>
/// <param name="Reservations">Active reservations, oldest first.</param>
/// <param name="RetiredOutcomes">Remembered outcomes of ended or rejected requests, oldest first.</param>
/// <param name="IncomingByReference">Incoming per reference.</param>
/// <param name="InTransitByTransfer">InTransit per transfer.</param>
/// <param name="AwaitingProcessingByReturn">Units awaiting processing per return.</param>
public sealed record InventoryPositionSnapshot(
    string Sku,
    string LocationId,
    long Version,
    int OnHand,
    int Damaged,
    int QualityControl,
    int Incoming,
    int InTransit,
    int SafetyStock,
    long PolicyVersion,
    bool HasPolicy,
    long NextReservationSequence,
    int SoldBeyondOnHand,
    int ReturnsAwaitingProcessing,
    int OutcomeRetention,
    IReadOnlyList<ActiveReservation> Reservations,
    IReadOnlyList<ReservationOutcome> RetiredOutcomes,
    IReadOnlyDictionary<string, int> IncomingByReference,
    IReadOnlyDictionary<string, int> InTransitByTransfer,
    IReadOnlyDictionary<string, int> AwaitingProcessingByReturn);
