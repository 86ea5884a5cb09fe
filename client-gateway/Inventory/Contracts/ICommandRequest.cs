namespace Parity.Gateway.Inventory.Contracts;

/// <summary>A request that changes something, identified by the channel's own event id.</summary>
public interface ICommandRequest
{
    /// <summary>The channel's id of the command: a retry with the same id changes nothing.</summary>
    string? EventId { get; }
}
