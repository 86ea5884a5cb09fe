using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Whether a reservation is a shopping-cart hold that expires or an order's hold.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReservationKind>))]
[GenerateSerializer]
[Alias("parity.inventory.ReservationKind")]
public enum ReservationKind
{
    /// <summary>A cart hold; expires after the channel's TTL.</summary>
    Cart,

    /// <summary>An order's hold; lives until released, shipped or preempted.</summary>
    Order,
}
