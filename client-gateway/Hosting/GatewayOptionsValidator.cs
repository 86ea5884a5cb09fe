using Microsoft.Extensions.Options;
using Parity.GrainInterfaces;

namespace Parity.Gateway.Hosting;

/// <summary>Refuses gateway options that cannot work, at start, naming the setting.</summary>
internal sealed class GatewayOptionsValidator(IHostEnvironment environment) : IValidateOptions<GatewayOptions>
{
    public const int MinKeyLength = 12;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var at = $"Gateway:ApiKeys:{i}";
            if (key.Key.Length < MinKeyLength) errors.Add($"{at}:Key must be at least {MinKeyLength} characters.");
            if (!seen.Add(key.Key)) errors.Add($"{at}:Key is configured twice.");
            if (!ChannelIds.IsValid(key.Channel)) errors.Add($"{at}:Channel '{key.Channel}' must be {ChannelIds.Rule}.");
            if (key.Scopes.Count == 0) errors.Add($"{at}:Scopes must name at least one scope.");
            foreach (var scope in key.Scopes.Where(s => !GatewayScopes.All.Contains(s)))
            {
                errors.Add($"{at}:Scopes has unknown scope '{scope}'; known: {string.Join(", ", GatewayScopes.All)}.");
            }
        }

        if (!environment.IsDevelopment())
        {
            // Published in the README and the source: anyone could use them.
            errors.AddRange(PublishedKeys.Offending(options.ApiKeys).Select(at => $"{at} is a published development key; configure a secret key (e.g. openssl rand -hex 24) outside Development."));
        }

        if (options.RequestBodyBudgetBytes < options.MaxRequestBodyBytes) errors.Add("Gateway:RequestBodyBudgetBytes must be at least Gateway:MaxRequestBodyBytes.");
        if (options.MaxRequestBodyBytes <= 0) errors.Add("Gateway:MaxRequestBodyBytes must be positive.");
        if (options.RequestTimeout <= TimeSpan.Zero) errors.Add("Gateway:RequestTimeout must be positive.");
        if (options.IdempotencyRetention <= TimeSpan.Zero) errors.Add("Gateway:IdempotencyRetention must be positive.");
        Check(options.RateLimits.Default, "Gateway:RateLimits:Default", errors);
        Check(options.RateLimits.Unauthenticated, "Gateway:RateLimits:Unauthenticated", errors);
        Check(options.RateLimits.ShopifyShops, "Gateway:RateLimits:ShopifyShops", errors);
        foreach (var (channel, bucket) in options.RateLimits.Channels)
        {
            if (!ChannelIds.IsValid(channel)) errors.Add($"Gateway:RateLimits:Channels:{channel} names channel '{channel}', which must be {ChannelIds.Rule}.");
            Check(bucket, $"Gateway:RateLimits:Channels:{channel}", errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(TokenBucketOptions bucket, string at, List<string> errors)
    {
        if (bucket.TokenLimit < 1 || bucket.TokensPerPeriod < 1 || bucket.ReplenishmentPeriod <= TimeSpan.Zero)
        {
            errors.Add($"{at}: TokenLimit and TokensPerPeriod must be at least 1 and ReplenishmentPeriod positive.");
        }
    }
}
