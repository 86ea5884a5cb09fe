namespace Parity.GrainInterfaces.Inventory;

/// <summary>One line of a reserve request.</summary>
/// <param name="Sku">Stock-keeping unit.</param>
/// <param name="LocationId">Location to reserve at.</param>
/// <param name="Quantity">Units wanted; positive.</param>
public sealed record ReserveLine(string Sku, string LocationId, int Quantity);
