using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>What happens to returned units (domain Disposition).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReturnDisposition>))]
[GenerateSerializer]
[Alias("parity.inventory.ReturnDisposition")]
public enum ReturnDisposition
{
    /// <summary>Sellable again: OnHand rises.</summary>
    Restock,

    /// <summary>Kept out of stock (e.g. hygiene); recorded only.</summary>
    NotRestocked,

    /// <summary>Held in QualityControl until processed to Restocked or Damaged.</summary>
    ProcessingRequired,

    /// <summary>Announced but not in the parcel; recorded only.</summary>
    Missing,
}
