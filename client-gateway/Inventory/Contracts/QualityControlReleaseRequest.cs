using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory.Contracts;

/// <summary>Inspected units leave QualityControl: back to OnHand (Restocked) or written off (Damaged).</summary>
/// <param name="EventId">The channel's id of this movement.</param>
/// <param name="Quantity">Units released; above zero.</param>
/// <param name="Outcome">Restocked or Damaged.</param>
public sealed record QualityControlReleaseRequest(string? EventId, int? Quantity, QualityControlOutcome? Outcome) : ICommandRequest;
