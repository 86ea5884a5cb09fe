namespace Parity.LoadTest.Hosting;

/// <summary>The API keys the in-process target is configured with: one admin key (setup and read-back), one key per
/// channel and one per store, so every scenario request is authenticated as the channel or store that sends it.</summary>
internal static class LoadTestKeys
{
    /// <summary>Admin: channel policy, receipts, reading every channel's reservations, orders and store days.</summary>
    public const string Admin = "loadtest-admin-key";

    /// <summary>The key of <paramref name="channel"/>.</summary>
    public static string ForChannel(string channel) => $"loadtest-{channel}-key";

    /// <summary>The POS key of <paramref name="store"/>: its channel is the store id, which the gateway lets act for
    /// that store only (no <c>Gateway:StoreDays:Channels</c> entry is configured).</summary>
    public static string ForStore(string store) => $"loadtest-store-{store}-key";

    /// <summary>Scopes of a flash-sale channel's key: reserve for itself and read availability.</summary>
    public static IReadOnlyList<string> ReservationScopes { get; } = ["inventory:read", "reservations:write"];

    /// <summary>Scopes of a web or marketplace key in the mixed scenarios: place and follow its own orders.</summary>
    public static IReadOnlyList<string> OrderScopes { get; } = ["orders:write", "orders:read"];

    /// <summary>Scopes of a store's POS key: upload batches and close days for the store, read its days.</summary>
    public static IReadOnlyList<string> PosScopes { get; } = ["pos:write", "pos:read"];

    /// <summary>Gateway configuration for the admin key, one key per channel of <paramref name="channels"/> with the
    /// scopes given, and one POS key per store of <paramref name="stores"/>. A channel listed twice gets the union.</summary>
    public static Dictionary<string, string?> Settings(IEnumerable<(string Channel, IReadOnlyList<string> Scopes)> channels, IEnumerable<string> stores)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0:Key"] = Admin,
            ["Gateway:ApiKeys:0:Channel"] = "operations",
            ["Gateway:ApiKeys:0:Scopes:0"] = "admin",
        };
        var keys = new List<(string Key, string Channel, IEnumerable<string> Scopes)>();
        foreach (var group in channels.GroupBy(c => c.Channel, StringComparer.Ordinal))
        {
            keys.Add((ForChannel(group.Key), group.Key, group.SelectMany(c => c.Scopes).Distinct(StringComparer.Ordinal)));
        }

        keys.AddRange(stores.Distinct(StringComparer.Ordinal).Select(s => (ForStore(s), s, (IEnumerable<string>)PosScopes)));
        var i = 1;
        foreach (var (key, channel, scopes) in keys)
        {
            settings[$"Gateway:ApiKeys:{i}:Key"] = key;
            settings[$"Gateway:ApiKeys:{i}:Channel"] = channel;
            var j = 0;
            foreach (var scope in scopes)
            {
                settings[$"Gateway:ApiKeys:{i}:Scopes:{j++}"] = scope;
            }

            i++;
        }

        return settings;
    }
}
