using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Parity.Gateway.Errors;

namespace Parity.Gateway.Security;

/// <summary>Answers refused authorisation with problem details: 401 saying whether the key was missing or wrong
/// (with the ApiKey challenge), 403 naming the scope the key lacks.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = $"{ApiKeyAuthentication.SchemeName} header=\"{ApiKeyAuthentication.HeaderName}\"";
            var missing = context.Request.Headers[ApiKeyAuthentication.HeaderName].Count == 0;
            await GatewayProblem.WriteAsync(context,
                missing ? ProblemType.ApiKeyMissing : ProblemType.ApiKeyInvalid,
                missing
                    ? $"Send your channel's API key in the {ApiKeyAuthentication.HeaderName} header."
                    : $"The key in the {ApiKeyAuthentication.HeaderName} header is not one this gateway knows. Check for a typo or ask operations for a new key.");
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var scopes = policy.Requirements.OfType<ScopeRequirement>().Select(r => r.Scope).ToList();
            await GatewayProblem.WriteAsync(context, ProblemType.ScopeMissing,
                $"The API key of channel '{context.User.ChannelId()}' lacks the scope '{string.Join("', '", scopes)}' this operation needs.",
                extensions: [new("requiredScopes", scopes)]);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>The key must have <see cref="Scope"/> (or admin).</summary>
/// <param name="Scope">The scope.</param>
internal sealed record ScopeRequirement(string Scope) : IAuthorizationRequirement;

/// <summary>Grants <see cref="ScopeRequirement"/> to keys holding the scope or admin.</summary>
internal sealed class ScopeRequirementHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.User.HasScope(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
