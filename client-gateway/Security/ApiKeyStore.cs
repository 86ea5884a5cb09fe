using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Parity.Gateway.Hosting;

namespace Parity.Gateway.Security;

/// <summary>The configured API keys, held as SHA-256 digests so lookups take the same time whatever the key, and
/// the keys themselves are not kept in memory longer than start-up.</summary>
internal sealed partial class ApiKeyStore
{
    private const int DigestChars = SHA256.HashSizeInBytes * 2;
    private readonly Dictionary<string, ChannelIdentity> _byDigest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChannelIdentity>.AlternateLookup<ReadOnlySpan<char>> _byDigestSpan;

    public ApiKeyStore(IOptions<GatewayOptions> options, IHostEnvironment environment, ILogger<ApiKeyStore> logger)
    {
        var keys = options.Value.ApiKeys;
        if (keys.Count == 0 && environment.IsDevelopment())
        {
            keys = [.. GatewayOptions.DevelopmentApiKeys];
            LogDevelopmentKeys(logger, string.Join(", ", keys.Select(k => $"{k.Channel}={k.Key}")));
        }
        else if (keys.Count == 0)
        {
            LogNoKeys(logger);
        }

        foreach (var key in keys)
        {
            _byDigest[Digest(key.Key)] = new ChannelIdentity(key.Channel, key.Scopes.ToHashSet(StringComparer.Ordinal));
        }

        _byDigestSpan = _byDigest.GetAlternateLookup<ReadOnlySpan<char>>();
        UsesDevelopmentKeys = keys.Count > 0 && options.Value.ApiKeys.Count == 0;
    }

    /// <summary>Whether the built-in development keys are in use.</summary>
    public bool UsesDevelopmentKeys { get; }

    public ChannelIdentity? Find(string presentedKey)
    {
        // Hashed and looked up on the stack: this runs on every request. Longer keys than any sane one take the
        // allocating path rather than a large stack buffer.
        if (Encoding.UTF8.GetMaxByteCount(presentedKey.Length) > 1024)
        {
            return _byDigest.GetValueOrDefault(Digest(presentedKey));
        }

        Span<byte> utf8 = stackalloc byte[1024];
        var length = Encoding.UTF8.GetBytes(presentedKey, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], hash);
        Span<char> hex = stackalloc char[DigestChars];
        Convert.TryToHexString(hash, hex, out _);
        return _byDigestSpan.TryGetValue(hex, out var identity) ? identity : null;
    }

    private static string Digest(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys are configured: using the development keys ({Keys}). Configure Gateway:ApiKeys outside Development.")]
    private static partial void LogDevelopmentKeys(ILogger logger, string keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No API keys are configured (Gateway:ApiKeys): every /v1 request will be refused with 401.")]
    private static partial void LogNoKeys(ILogger logger);
}

/// <summary>Who an API key acts for.</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="Scopes">What it may do.</param>
internal sealed record ChannelIdentity(string ChannelId, IReadOnlySet<string> Scopes)
{
    /// <summary>The authenticated principal of this key: its channel and one claim per scope. Shared by every request
    /// with the key, so it must not be changed.</summary>
    public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
        [new Claim(ChannelClaims.Channel, ChannelId), .. Scopes.Select(s => new Claim(ChannelClaims.Scope, s))],
        ApiKeyAuthentication.SchemeName, ChannelClaims.Channel, null));
}
