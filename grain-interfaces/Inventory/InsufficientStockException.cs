namespace Parity.GrainInterfaces.Inventory;

/// <summary>A planned movement (transfer out, damage, quality control, processing) asks for more units than the position holds.</summary>
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
    public PositionKey Position { get; }

    /// <summary>The movement refused.</summary>
    public string Movement { get; }

    /// <summary>Units asked.</summary>
    public int Requested { get; }

    /// <summary>Units that could be moved.</summary>
    public int Available { get; }
}
