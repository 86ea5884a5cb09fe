
namespace Parity.GrainInterfaces.StoreDays;

/// <summary>A POS batch the store day cannot record as sent: a ticket does not balance, a field is out of range, or the
/// batch id was already used for other content. Nothing of the batch was recorded.</summary>
[Orleans.GenerateSerializer]
[Orleans.Alias("parity.storedays.InvalidPosBatchException")]
public sealed class InvalidPosBatchException : ParityException
{
    /// <summary>Creates the exception.</summary>
    public InvalidPosBatchException(string message) : base(message) { }

    /// <summary>Creates the exception for one field of one ticket line, so the gateway can name the field as the
    /// upload spelled it (<c>tickets[0].lines[1].taxCode</c>, <c>rows[3].tax_code</c>).</summary>
    public InvalidPosBatchException(string message, string ticketId, int lineIndex, string field) : base(message)
    {
        TicketId = ticketId;
        LineIndex = lineIndex;
        Field = field;
    }

    /// <summary>The ticket at fault, when one line is.</summary>
    [Orleans.Id(0)]
    public string? TicketId { get; }

    /// <summary>The line's index within its ticket (from 0).</summary>
    [Orleans.Id(1)]
    public int? LineIndex { get; }

    /// <summary>The line's field at fault, in the JSON format's camelCase (e.g. <c>taxCode</c>).</summary>
    [Orleans.Id(2)]
    public string? Field { get; }
}
