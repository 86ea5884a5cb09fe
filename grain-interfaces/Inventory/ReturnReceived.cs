using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>
/// A customer return arrived at this location with a Disposition: Restock → OnHand; ProcessingRequired →
/// QualityControl until <see cref="ReturnProcessed"/>; NotRestocked and Missing are recorded and move no stock.
/// </summary>
/// <param name="ReturnRef">Return reference, linking to the original sale line.</param>
/// <param name="Quantity">Units returned.</param>
/// <param name="Disposition">What happens to them.</param>
[GenerateSerializer]
[Alias("parity.inventory.ReturnReceived")]
public sealed record ReturnReceived(
    [property: Id(0)] string ReturnRef,
    [property: Id(1)] int Quantity,
    [property: Id(2)] ReturnDisposition Disposition) : InventoryEvent;
