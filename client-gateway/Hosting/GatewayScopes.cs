namespace Parity.Gateway.Hosting;

/// <summary>What an API key may do. <see cref="Admin"/> implies every other scope and may act for any channel.</summary>
public static class GatewayScopes
{
    /// <summary>Read positions and availability.</summary>
    public const string InventoryRead = "inventory:read";

    /// <summary>Record stock movements (receipts, counts, damage, quality control, transfers, returns).</summary>
    public const string InventoryWrite = "inventory:write";

    /// <summary>Reserve, release and ship reservations for the key's own channel.</summary>
    public const string Reservations = "reservations:write";

    /// <summary>Place orders and send their lifecycle events for the key's own channel (also Shopify webhooks).</summary>
    public const string OrdersWrite = "orders:write";

    /// <summary>Read the key's own channel's orders and their history.</summary>
    public const string OrdersRead = "orders:read";

    /// <summary>Upload POS batches and close store days, for the key's own stores.</summary>
    public const string PosWrite = "pos:write";

    /// <summary>Read a store day's status and totals, for the key's own stores.</summary>
    public const string PosRead = "pos:read";
    /// <summary>Finance: upload and read settlement batches, record captures, read receivables and reconciliation figures.</summary>
    public const string Finance = "finance";

    /// <summary>Operations: channel policy, exception queue, any channel.</summary>
    public const string Admin = "admin";

    /// <summary>Every scope.</summary>
    public static IReadOnlyList<string> All { get; } = [InventoryRead, InventoryWrite, Reservations, OrdersWrite, OrdersRead, PosWrite, PosRead, Finance, Admin];
}
