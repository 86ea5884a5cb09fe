namespace Parity.GrainInterfaces.Orders;

/// <summary>The canonical order id <c>{channel}:{channelOrderId}</c>; the first ':' separates, so channel order ids may contain ':'.</summary>
public static class OrderId
{
    /// <summary>Builds the canonical id.</summary>
    public static string Of(string channel, string channelOrderId) => $"{channel}:{channelOrderId}";

    /// <summary>Splits a canonical id into channel and channel order id.</summary>
    /// <exception cref="FormatException">The id is not of the form <c>channel:channelOrderId</c>.</exception>
    public static (string Channel, string ChannelOrderId) Parse(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        var colon = orderId.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == orderId.Length - 1)
        {
            throw new FormatException($"'{orderId}' is not an order id of the form channel:channelOrderId.");
        }

        return (orderId[..colon], orderId[(colon + 1)..]);
    }
}
