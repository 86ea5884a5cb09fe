using System.Security.Claims;
using Parity.Gateway.Hosting;

namespace Parity.Gateway.Security;

/// <summary>The channel and scopes of an authenticated request.</summary>
public static class ChannelClaims
{
    /// <summary>Claim type of the channel id.</summary>
    public const string Channel = "parity:channel";

    /// <summary>Claim type of each scope.</summary>
    public const string Scope = "parity:scope";

    /// <summary>The channel the request acts for; empty when unauthenticated.</summary>
    public static string ChannelId(this ClaimsPrincipal user) => user.FindFirstValue(Channel) ?? "";

    /// <summary>Whether the key has <paramref name="scope"/> (admin has every scope).</summary>
    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.HasClaim(Scope, scope) || user.HasClaim(Scope, GatewayScopes.Admin);

    /// <summary>Whether the key may act for <paramref name="channelId"/>: its own channel, or any with admin.</summary>
    public static bool MayActFor(this ClaimsPrincipal user, string channelId) =>
        string.Equals(user.ChannelId(), channelId, StringComparison.Ordinal) || user.HasClaim(Scope, GatewayScopes.Admin);
}
