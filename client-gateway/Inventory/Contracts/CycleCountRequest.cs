namespace Parity.Gateway.Inventory.Contracts;

/// <summary>A cycle count: OnHand becomes <paramref name="CountedQuantity"/>; a fall preempts reservations as needed.</summary>
/// <param name="EventId">The channel's id of this count.</param>
/// <param name="CountedQuantity">Sellable units counted; zero or more.</param>
/// <param name="Reason">Why the count was taken.</param>
public sealed record CycleCountRequest(string? EventId, int? CountedQuantity, string? Reason) : ICommandRequest;
