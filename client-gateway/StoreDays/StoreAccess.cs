using System.Security.Claims;
using Parity.Gateway.Hosting;
using Parity.Gateway.Security;

namespace Parity.Gateway.StoreDays;

/// <summary>
/// Which stores a POS channel acts for, from <c>Gateway:StoreDays:Channels:{channel}</c> (a list of store ids). A channel
/// not listed there acts only for the store whose id is its channel id; an admin key acts for every store.
/// </summary>
internal sealed class StoreAccess
{
    /// <summary>The configuration section listing each POS channel's stores.</summary>
    public const string SectionName = "Gateway:StoreDays:Channels";

    private readonly Dictionary<string, HashSet<string>> _stores;

    public StoreAccess(IConfiguration configuration)
    {
        _stores = configuration.GetSection(SectionName).GetChildren().ToDictionary(
            c => c.Key,
            c => c.GetChildren().Select(s => s.Value).OfType<string>().ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    public bool MayActFor(ClaimsPrincipal user, string store)
    {
        if (user.HasClaim(ChannelClaims.Scope, GatewayScopes.Admin))
        {
            return true;
        }

        var channel = user.ChannelId();
        return _stores.TryGetValue(channel, out var stores) ? stores.Contains(store) : string.Equals(channel, store, StringComparison.Ordinal);
    }
}
