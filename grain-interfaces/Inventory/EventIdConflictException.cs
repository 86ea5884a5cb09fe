using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>An event id was sent again with different content: the first use stands and this one changes nothing.</summary>
[GenerateSerializer]
[Alias("parity.inventory.EventIdConflictException")]
public sealed class EventIdConflictException : InventoryException
{
    /// <summary>Creates the exception.</summary>
    public EventIdConflictException(PositionKey position, string eventId, string recorded, string sent)
        : base($"Event id '{eventId}' was already used at {position} for {recorded}; this request is {sent}. "
            + "A retry must repeat the original content; a new movement needs a new event id.")
    {
        Position = position;
        EventId = eventId;
        Recorded = recorded;
        Sent = sent;
    }

    /// <summary>The position asked.</summary>
    [Id(0)]
    public PositionKey Position { get; }

    /// <summary>The event id sent twice.</summary>
    [Id(1)]
    public string EventId { get; }

    /// <summary>What the event id was first used for, in business words.</summary>
    [Id(2)]
    public string Recorded { get; }

    /// <summary>What this request asked, in business words.</summary>
    [Id(3)]
    public string Sent { get; }
}
