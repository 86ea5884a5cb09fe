using Orleans;

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
[GenerateSerializer]
[Alias("parity.inventory.PositionFigures")]
public sealed record PositionFigures(
    [property: Id(0)] PositionKey Position,
    [property: Id(1)] int OnHand,
    [property: Id(2)] int Damaged,
    [property: Id(3)] int QualityControl,
    [property: Id(4)] int Reserved,
    [property: Id(5)] int Incoming,
    [property: Id(6)] int InTransit,
    [property: Id(7)] int SafetyStock,
    [property: Id(8)] long PolicyVersion,
    [property: Id(9)] long Version);
