
namespace Parity.GrainInterfaces.Inventory;

/// <summary>Root of the business errors an inventory position raises.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.inventory.InventoryException")]
public abstract class InventoryException : ParityException
{
    /// <summary>Creates the exception.</summary>
    protected InventoryException(string message) : base(message) { }
}
