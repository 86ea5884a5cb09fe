namespace Parity.Gateway.StoreDays;

/// <summary>Scopes of the store-day endpoints (admin implies both). Kept beside the endpoints that need them; the
/// policies are built inline there, so adding them touched no shared registration.</summary>
public static class StoreDayScopes
{
    /// <summary>Upload POS batches and close store days, for the key's own stores.</summary>
    public const string Write = "pos:write";

    /// <summary>Read a store day's status and totals, for the key's own stores.</summary>
    public const string Read = "pos:read";
}
