using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>The movement that forced a reservation to be preempted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PreemptionCause>))]
[GenerateSerializer]
[Alias("parity.inventory.PreemptionCause")]
public enum PreemptionCause
{
    /// <summary>A POS sale lowered OnHand.</summary>
    StoreSale,

    /// <summary>A cycle count lowered OnHand.</summary>
    CycleCount,

    /// <summary>A damage write-off lowered OnHand.</summary>
    Damage,

    /// <summary>Units moved to QualityControl lowered OnHand.</summary>
    QualityControl,

    /// <summary>A new policy raised SafetyStock or tightened a cap.</summary>
    PolicyChanged,

    /// <summary>A shipment lowered OnHand, and with it SafetyStock headroom or a fractional cap.</summary>
    Shipment,

    /// <summary>A transfer out lowered OnHand, and with it SafetyStock headroom or a fractional cap.</summary>
    TransferOut,
}
