using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Parity.Gateway.Security;

/// <summary>Authenticates requests by the <c>X-Api-Key</c> header: the principal carries the key's channel and scopes.</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[HeaderName].ToString();
        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(presented) is not { } identity)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not recognised."));
        }

        // The principal is built once per key (ApiKeyStore) and shared: nothing in the pipeline adds claims or
        // identities to it, and building it per request allocated a list, the claims, an identity and a principal.
        var principal = identity.Principal;
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
