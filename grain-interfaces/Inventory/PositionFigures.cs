namespace Parity.GrainInterfaces.Inventory;

/// <summary>The full position as folded from its ledger.</summary>
/// <param name="Position">SKU and location.</param>
/// <param name="OnHand">Sellable physical units.</param>
/// <param name="Damaged">Units written off as damaged.</param>
/// <param name="QualityControl">Units under inspection or awaiting return processing.</param>
/// <param name="Reserved">Σ active reservations.</param>
/// <param name="Incoming">Units announced by purchase orders, not yet received.</param>
/// <param name="InTransit">Units on transfers to this location, not yet received.</param>
/// <param name="SafetyStock">SafetyStock of the policy in force.</param>
/// <param name="PolicyVersion">Version of the policy in force.</param>
/// <param name="Version">Number of ledger events folded.</param>
public sealed record PositionFigures(
    PositionKey Position,
    int OnHand,
    int Damaged,
    int QualityControl,
    int Reserved,
    int Incoming,
    int InTransit,
    int SafetyStock,
    long PolicyVersion,
    long Version);
