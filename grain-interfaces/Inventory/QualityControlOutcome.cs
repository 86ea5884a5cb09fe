using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Where units leaving QualityControl go.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QualityControlOutcome>))]
[GenerateSerializer]
[Alias("parity.inventory.QualityControlOutcome")]
public enum QualityControlOutcome
{
    /// <summary>Back to OnHand, sellable.</summary>
    Restocked,

    /// <summary>Written off as Damaged.</summary>
    Damaged,
}
