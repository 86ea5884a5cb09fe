using Parity.GrainInterfaces.Inventory;

namespace Parity.Gateway.Inventory.Contracts;

/// <summary>A customer return received at this location, with its Disposition.</summary>
/// <param name="EventId">The channel's id of this receipt.</param>
/// <param name="ReturnRef">Return reference.</param>
/// <param name="Quantity">Units returned; above zero.</param>
/// <param name="Disposition">Restock, NotRestocked, ProcessingRequired or Missing.</param>
public sealed record ReturnReceiptRequest(string? EventId, string? ReturnRef, int? Quantity, ReturnDisposition? Disposition) : ICommandRequest;
