using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A planned movement (transfer out, damage, quality control, processing) asks for more units than the position holds.</summary>
[GenerateSerializer]
[Alias("parity.inventory.InsufficientStockException")]
public sealed class InsufficientStockException : InventoryException
{
    /// <summary>Creates the exception.</summary>
    public InsufficientStockException(PositionKey position, string movement, int requested, int available)
        : base($"{movement} of {requested} at {position} exceeds the {available} units available.")
    {
        Position = position;
        Movement = movement;
        Requested = requested;
        Available = available;
    }

    /// <summary>The position asked.</summary>
    [Id(0)]
    public PositionKey Position { get; }

    /// <summary>The movement refused.</summary>
    [Id(1)]
    public string Movement { get; }

    /// <summary>Units asked.</summary>
    [Id(2)]
    public int Requested { get; }

    /// <summary>Units that could be moved.</summary>
    [Id(3)]
    public int Available { get; }
}
