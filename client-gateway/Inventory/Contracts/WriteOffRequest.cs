namespace Parity.Gateway.Inventory.Contracts;

/// <summary>Units leaving OnHand: written off as Damaged, or moved to QualityControl for inspection.</summary>
/// <param name="EventId">The channel's id of this movement.</param>
/// <param name="Quantity">Units moved; above zero and at most OnHand.</param>
/// <param name="Reason">What happened.</param>
public sealed record WriteOffRequest(string? EventId, int? Quantity, string? Reason) : ICommandRequest;
