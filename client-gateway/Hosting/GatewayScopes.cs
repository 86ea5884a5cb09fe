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

    /// <summary>Finance: upload and read settlement batches, record captures, read receivables and reconciliation figures.</summary>
    public const string Finance = "finance";

    /// <summary>Operations: channel policy, exception queue, any channel.</summary>
    public const string Admin = "admin";

    /// <summary>Every scope.</summary>
    public static IReadOnlyList<string> All { get; } = [InventoryRead, InventoryWrite, Reservations, Finance, Admin];
}
