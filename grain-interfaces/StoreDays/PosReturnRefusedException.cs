using Orleans;
using Parity.GrainInterfaces.Orders;

namespace Parity.GrainInterfaces.StoreDays;

/// <summary>A return line of a POS batch names an order it cannot be booked against: no such order or line, another
/// SKU, or more units than the line has left to return. Nothing of the batch was recorded.</summary>
[GenerateSerializer]
[Alias("parity.storedays.PosReturnRefusedException")]
public sealed class PosReturnRefusedException : ParityException
{
    /// <summary>Creates the exception.</summary>
    public PosReturnRefusedException(string ticketId, int lineIndex, StoreReturnField field, string message)
        : base($"Ticket '{ticketId}', line {lineIndex + 1}: {message}")
    {
        TicketId = ticketId;
        LineIndex = lineIndex;
        Field = field;
    }

    /// <summary>The ticket.</summary>
    [Id(0)]
    public string TicketId { get; }

    /// <summary>The 0-based index of the line in its ticket.</summary>
    [Id(1)]
    public int LineIndex { get; }

    /// <summary>What the store must correct.</summary>
    [Id(2)]
    public StoreReturnField Field { get; }
}
