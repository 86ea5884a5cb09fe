namespace Parity.LoadTest.Hosting;

/// <summary>The API keys the in-process target is configured with: one admin key (setup and read-back) and one key
/// per channel, so every reservation is authenticated as its own channel.</summary>
internal static class LoadTestKeys
{
    /// <summary>Admin: channel policy, receipts, reading every channel's reservations.</summary>
    public const string Admin = "loadtest-admin-key";

    /// <summary>The key of <paramref name="channel"/>.</summary>
    public static string ForChannel(string channel) => $"loadtest-{channel}-key";

    /// <summary>Gateway configuration for the admin key and one key per channel (reservations and reads only).</summary>
    public static Dictionary<string, string?> Settings(IEnumerable<string> channels)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:ApiKeys:0:Key"] = Admin,
            ["Gateway:ApiKeys:0:Channel"] = "operations",
            ["Gateway:ApiKeys:0:Scopes:0"] = "admin",
        };
        var i = 1;
        foreach (var channel in channels)
        {
            settings[$"Gateway:ApiKeys:{i}:Key"] = ForChannel(channel);
            settings[$"Gateway:ApiKeys:{i}:Channel"] = channel;
            settings[$"Gateway:ApiKeys:{i}:Scopes:0"] = "inventory:read";
            settings[$"Gateway:ApiKeys:{i}:Scopes:1"] = "reservations:write";
            i++;
        }

        return settings;
    }
}
