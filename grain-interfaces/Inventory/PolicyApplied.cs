namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// The position started judging by a new effective channel policy. SafetyStock lives in the policy
/// (most specific level wins, no stacking), so this is also how a SafetyStock change enters the ledger.
/// </summary>
/// <param name="PolicyVersion">Version of the effective policy.</param>
/// <param name="SafetyStock">SafetyStock units of that policy.</param>
public sealed record PolicyApplied(long PolicyVersion, int SafetyStock) : InventoryEvent;
