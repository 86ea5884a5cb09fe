using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Outcome of a reserve request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReservationStatus>))]
[GenerateSerializer]
[Alias("parity.inventory.ReservationStatus")]
public enum ReservationStatus
{
    /// <summary>All demand for the position is held.</summary>
    Accepted,

    /// <summary>Nothing is held.</summary>
    Rejected,
}
