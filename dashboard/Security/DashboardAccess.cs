using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Parity.Dashboard.Hosting;

namespace Parity.Dashboard.Security;

/// <summary>
/// Who may read the dashboard's data: anyone in Development (unless configured otherwise); elsewhere a request with
/// an API key holding the admin scope (the gateway's scheme, when the host registers it) or the cookie of the login
/// form (when <c>Parity:Dashboard:Username/Password</c> are set). Everything else gets 401 problem details.
/// </summary>
internal sealed class DashboardAccess(
    IOptions<DashboardOptions> options, IHostEnvironment environment, IAuthenticationSchemeProvider schemes, CredentialThrottle throttle)
{
    public const string CookieScheme = "ParityDashboard";
    public const string UserClaim = "parity:dashboard-user";

    public bool IsOpen => environment.IsDevelopment() && !options.Value.RequireAuthenticationInDevelopment;

    public async Task<bool> IsAllowedAsync(HttpContext context)
    {
        if (IsOpen)
        {
            return true;
        }

        var o = options.Value;
        if (await schemes.GetSchemeAsync(o.ApiKeyScheme) is not null)
        {
            var result = await context.AuthenticateAsync(o.ApiKeyScheme);
            if (result.Succeeded && result.Principal.HasClaim(o.ScopeClaimType, o.AdminScope))
            {
                return true;
            }

            if (result.Failure is not null)
            {
                // A key was presented and is not one the gateway knows: a guess.
                throttle.RecordFailure(Address(context), account: null);
            }
        }

        var cookie = await context.AuthenticateAsync(CookieScheme);
        return o.HasLogin && cookie.Succeeded && cookie.Principal.HasClaim(c => c.Type == UserClaim);
    }

    /// <summary>How long the client must wait before presenting credentials again (for <paramref name="account"/>,
    /// when it names one), or null when it may.</summary>
    public TimeSpan? ThrottledFor(HttpContext context, string? account = null) => IsOpen ? null : throttle.RetryAfter(Address(context), account);

    /// <summary>Checks a login form's credentials in constant time, counting a failure against the address and the user name.</summary>
    public bool CheckCredentials(HttpContext context, string? username, string? password)
    {
        var o = options.Value;
        if (!o.HasLogin)
        {
            return false;
        }

        // Both compared, always, so the time taken does not tell which one was wrong.
        var userOk = FixedTimeEquals(username ?? "", o.Username!);
        var passwordOk = FixedTimeEquals(password ?? "", o.Password!);
        if (!(userOk & passwordOk))
        {
            throttle.RecordFailure(Address(context), username ?? "");
            return false;
        }

        return true;
    }

    /// <summary>The answer to a client throttled for failed sign-ins: 429 problem details with Retry-After.</summary>
    public static IResult Throttled(HttpContext context, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(
            type: "urn:parity:problem:too-many-failed-sign-ins",
            title: "Too many failed sign-ins",
            detail: $"Too many wrong passwords or API keys from this address or for this user. Try again in {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests,
            instance: context.Request.Path);
    }

    private static string? Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    public static ClaimsPrincipal Principal(string username) =>
        new(new ClaimsIdentity([new Claim(UserClaim, username), new Claim(ClaimTypes.Name, username)], CookieScheme));

    public static IResult Refused(HttpContext context, bool loginAvailable)
    {
        context.Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Results.Problem(
            type: "urn:parity:problem:dashboard-unauthorized",
            title: "Sign in to the dashboard",
            detail: loginAvailable
                ? "Sign in with the dashboard's user name and password, or send an API key with the admin scope in the X-Api-Key header."
                : "Send an API key with the admin scope in the X-Api-Key header.",
            statusCode: StatusCodes.Status401Unauthorized,
            instance: context.Request.Path,
            extensions: new Dictionary<string, object?> { ["loginAvailable"] = loginAvailable });
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}

/// <summary>Refuses dashboard API requests that <see cref="DashboardAccess"/> does not allow.</summary>
internal sealed class DashboardAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var access = http.RequestServices.GetRequiredService<DashboardAccess>();
        if (access.ThrottledFor(http) is { } wait)
        {
            return DashboardAccess.Throttled(http, wait);
        }

        if (await access.IsAllowedAsync(http))
        {
            return await next(context);
        }

        return DashboardAccess.Refused(http, http.RequestServices.GetRequiredService<IOptions<DashboardOptions>>().Value.HasLogin);
    }
}
