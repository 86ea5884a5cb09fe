using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory.Contracts;

/// <summary>Decides units of a ProcessingRequired return: Restocked to OnHand, or Damaged.</summary>
/// <param name="EventId">The channel's id of this decision.</param>
/// <param name="ReturnRef">Return reference.</param>
/// <param name="Quantity">Units decided; above zero.</param>
/// <param name="Outcome">Restocked or Damaged.</param>
public sealed record ReturnProcessingRequest(string? EventId, string? ReturnRef, int? Quantity, QualityControlOutcome? Outcome) : ICommandRequest;
