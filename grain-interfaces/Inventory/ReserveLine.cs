using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>One line of a reserve request.</summary>
/// <param name="Sku">Stock-keeping unit.</param>
/// <param name="LocationId">Location to reserve at.</param>
/// <param name="Quantity">Units wanted; positive.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReserveLine")]
// Immutable: Orleans passes it by reference within a silo instead of deep-copying it on every call.
[Immutable]
public sealed record ReserveLine(
    [property: Id(0)] string Sku,
    [property: Id(1)] string LocationId,
    [property: Id(2)] int Quantity);
