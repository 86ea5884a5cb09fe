using System.Text.Json.Serialization;
using Parity.GrainInterfaces.Posting;
using Parity.GrainInterfaces.Settlements;

namespace Parity.Grains.Settlements;

/// <summary>An event of a settlement batch's journal.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(BatchIngested), "ingested")]
[JsonDerivedType(typeof(LineResolved), "line-resolved")]
[JsonDerivedType(typeof(SideEffectDone), "side-effect-done")]
[JsonDerivedType(typeof(FactSubmitted), "fact-submitted")]
public abstract record SettlementBatchEvent;

/// <summary>The file arrived and its lines were matched.</summary>
/// <param name="File">The parsed file.</param>
/// <param name="Resolutions">Matches found at ingestion.</param>
/// <param name="ReceivedAt">When.</param>
/// <param name="CorrelationId">The upload's correlation id.</param>
public sealed record BatchIngested(SettlementFile File, IReadOnlyList<LineResolution> Resolutions, DateTimeOffset ReceivedAt, string? CorrelationId) : SettlementBatchEvent;

/// <summary>A line was matched again (after an edit or a replay).</summary>
/// <param name="Resolution">The new match (OrderId null when still unmatched).</param>
/// <param name="Edits">The operator's edits, if any.</param>
public sealed record LineResolved(LineResolution Resolution, IReadOnlyDictionary<string, string> Edits) : SettlementBatchEvent;

/// <summary>A side effect happened (an exception raised, captures settled); it is never repeated.</summary>
/// <param name="Effect">Its key.</param>
public sealed record SideEffectDone(string Effect) : SettlementBatchEvent;

/// <summary>ERP posting accepted the SettlementReceived fact.</summary>
/// <param name="Receipt">Posting's receipt.</param>
/// <param name="At">When.</param>
public sealed record FactSubmitted(PostingReceipt Receipt, DateTimeOffset At) : SettlementBatchEvent;
