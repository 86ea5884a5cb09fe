using System.Text.Json.Serialization;

namespace Parity.LoadTest.Invariants;

/// <summary>The invariants of one run; each figure must be 0.</summary>
/// <param name="Oversold">Units held or committed beyond OnHand, or acknowledged beyond the starting stock.</param>
/// <param name="SafetyStockBreaches">Units held by tiers below the protected tier beyond OnHand − SafetyStock.</param>
/// <param name="CapBreaches">Units channels hold beyond their caps.</param>
/// <param name="LostAcknowledgements">Acknowledged reservations the positions do not hold or did not journal.</param>
/// <param name="DuplicatePostings">ERP postings made twice.</param>
/// <param name="Notes">What a figure means here (e.g. why duplicate postings are 0).</param>
/// <param name="Details">One line per breach found.</param>
internal sealed record InvariantResult(
    [property: JsonPropertyName("oversold")] long Oversold,
    [property: JsonPropertyName("safetyStockBreaches")] long SafetyStockBreaches,
    [property: JsonPropertyName("capBreaches")] long CapBreaches,
    [property: JsonPropertyName("lostAcknowledgements")] long LostAcknowledgements,
    [property: JsonPropertyName("duplicatePostings")] long DuplicatePostings,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes,
    [property: JsonPropertyName("details")] IReadOnlyList<string> Details)
{
    /// <summary>True when every figure is 0.</summary>
    [JsonIgnore]
    public bool Holds => Oversold == 0 && SafetyStockBreaches == 0 && CapBreaches == 0 && LostAcknowledgements == 0 && DuplicatePostings == 0;
}
