using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// The position started judging by a new effective channel policy. SafetyStock lives in the policy
/// (most specific level wins, no stacking), so this is also how a SafetyStock change enters the ledger.
/// </summary>
/// <param name="PolicyVersion">Version of the effective policy.</param>
/// <param name="SafetyStock">SafetyStock units of that policy.</param>
[GenerateSerializer]
[Alias("parity.inventory.PolicyApplied")]
public sealed record PolicyApplied(
    [property: Id(0)] long PolicyVersion,
    [property: Id(1)] int SafetyStock) : InventoryEvent;
