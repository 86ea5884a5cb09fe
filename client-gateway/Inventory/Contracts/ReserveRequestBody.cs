using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory.Contracts;

/// <summary>A channel asks to hold stock for an order or cart, all or nothing across its lines.</summary>
/// <param name="RequestId">Idempotency key chosen by the channel: a retry gets the original outcome.</param>
/// <param name="ChannelId">The channel reserving; defaults to the API key's channel, and only admin keys may name another.</param>
/// <param name="OrderRef">Owning order or cart, told if a reservation is preempted.</param>
/// <param name="Kind">Cart (expires after the channel's TTL) or Order.</param>
/// <param name="Lines">What to hold; lines for the same SKU and location are summed.</param>
public sealed record ReserveRequestBody(string? RequestId, string? ChannelId, string? OrderRef, ReservationKind? Kind, IReadOnlyList<ReserveLineBody?>? Lines);

/// <summary>One line of a reserve request.</summary>
/// <param name="Sku">Stock-keeping unit.</param>
/// <param name="LocationId">Location to hold it at.</param>
/// <param name="Quantity">Units; above zero.</param>
public sealed record ReserveLineBody(string? Sku, string? LocationId, int? Quantity);
