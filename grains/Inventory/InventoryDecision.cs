using Parity.GrainInterfaces.Inventory;

namespace Parity.Grains.Inventory;

/// <summary>What a decision wants recorded, in order, and what to answer the caller once it is.</summary>
/// <param name="Events">Events to raise; none when the command changes nothing (e.g. a retried request).</param>
/// <param name="Result">The answer.</param>
public readonly record struct InventoryDecision<TResult>(IReadOnlyList<InventoryEvent> Events, TResult Result);
