using System.Text.Json.Serialization;
using Orleans;

namespace Parity.GrainInterfaces.Inventory;

/// <summary>Why a reserve request was refused.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RejectionReason>))]
[GenerateSerializer]
[Alias("parity.inventory.RejectionReason")]
public enum RejectionReason
{
    /// <summary>The channel's ATS (OnHand − Reserved − SafetyStock where it applies) is below the demand.</summary>
    InsufficientStock,

    /// <summary>Stock exists but the channel's cap would be exceeded.</summary>
    CapExceeded,

    /// <summary>The request has no line for this position.</summary>
    NoLinesForPosition,
}
