using System.Globalization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A movement would take one of a position's figures past <see cref="Limits.MaxPositionQuantity"/>; nothing
/// was recorded.</summary>
[GenerateSerializer]
[Alias("parity.inventory.PositionLimitExceededException")]
public sealed class PositionLimitExceededException : InventoryException
{
    /// <summary>Creates the exception.</summary>
    public PositionLimitExceededException(PositionKey position, string field, string figure, long current, long requested)
                : base(string.Create(CultureInfo.InvariantCulture, $"{position} holds {current:N0} {figure}; {requested:N0} more would exceed the limit of {Limits.MaxPositionQuantity:N0} units a position may hold."))
    {
        Position = position;
        Field = field;
        Figure = figure;
        Current = current;
        Requested = requested;
    }

    /// <summary>The position asked.</summary>
    [Id(0)]
    public PositionKey Position { get; }

    /// <summary>The request field that carried the quantity (<c>quantity</c>, <c>countedQuantity</c>).</summary>
    [Id(1)]
    public string Field { get; }

    /// <summary>The figure that would overflow: on hand, incoming, in transit, quality control or damaged.</summary>
    [Id(2)]
    public string Figure { get; }

    /// <summary>The figure now.</summary>
    [Id(3)]
    public long Current { get; }

    /// <summary>Units the movement would add.</summary>
    [Id(4)]
    public long Requested { get; }
}
