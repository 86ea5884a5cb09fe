using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>A reservation to ship is not active here: it never existed or has already ended.</summary>
[GenerateSerializer]
[Alias("parity.inventory.ReservationNotActiveException")]
public sealed class ReservationNotActiveException : InventoryException
{
    /// <summary>Creates the exception.</summary>
    public ReservationNotActiveException(PositionKey position, string reservationId)
        : base($"Reservation '{reservationId}' is not active at {position}; it cannot be shipped.")
    {
        Position = position;
        ReservationId = reservationId;
    }

    /// <summary>The position asked.</summary>
    [Id(0)]
    public PositionKey Position { get; }

    /// <summary>The reservation that is not active.</summary>
    [Id(1)]
    public string ReservationId { get; }
}
