using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Units announced by a purchase order or ASN; they count as Incoming until received.</summary>
/// <param name="Quantity">Units expected.</param>
/// <param name="Reference">Purchase order or ASN reference.</param>
[GenerateSerializer]
[Alias("parity.inventory.IncomingExpected")]
public sealed record IncomingExpected(
    [property: Id(0)] int Quantity,
    [property: Id(1)] string Reference) : InventoryEvent;
